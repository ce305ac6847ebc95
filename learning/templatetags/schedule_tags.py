from django import template
from django.utils import timezone

from learning.people.models import CanadianTimeZone
from learning.people.schedule import session_schedule

register = template.Library()


@register.simple_tag
def schedule_of(cohort):
    """{% schedule_of enrolment.cohort as schedule %}: its meetings and due dates, or None."""
    return session_schedule(cohort)


@register.simple_tag
def current_time_zone_label():
    """The zone times are shown in, as people name it ("Atlantic Time (Halifax)")."""
    name = timezone.get_current_timezone_name()
    try:
        return CanadianTimeZone(name).label
    except ValueError:
        return name
