"""A training session's schedule: its meetings and due dates, and the calendar file learners
download (issue 15). Times are stored in UTC; pages and emails show them in the reader's time
zone (the profile's, activated per request by learning.middleware.LearnerTimeZoneMiddleware),
and the calendar file gives them in UTC, which every calendar converts to where it is."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

PRODUCT_ID = "-//PSR Learn//Training sessions//EN"


@dataclass(frozen=True)
class DueDate:
    kind: str  # "post_test" or "survey"
    label: str
    due_at: object  # an aware datetime

    @property
    def is_past(self):
        return self.due_at <= timezone.now()


@dataclass(frozen=True)
class Schedule:
    cohort: object
    meetings: tuple
    due_dates: tuple

    @property
    def upcoming_meetings(self):
        now = timezone.now()
        return tuple(meeting for meeting in self.meetings if meeting.ends_at > now)

    @property
    def is_empty(self):
        return not self.meetings and not self.due_dates

    def due(self, kind):
        return next((due.due_at for due in self.due_dates if due.kind == kind), None)


def due_dates(cohort):
    dates = [
        ("post_test", _("Post-test due"), cohort.post_test_due),
        ("survey", _("Evaluation survey due"), cohort.survey_due),
    ]
    return tuple(DueDate(kind, label, due_at) for kind, label, due_at in dates if due_at)


def session_schedule(cohort):
    """The schedule of `cohort`; its meetings are read unless prefetched (`meetings`)."""
    if cohort is None:
        return None
    meetings = sorted(cohort.meetings.all(), key=lambda meeting: meeting.starts_at)
    return Schedule(cohort=cohort, meetings=tuple(meetings), due_dates=due_dates(cohort))


def meeting_title(meeting):
    return meeting.title or _("%(session)s: meeting") % {"session": meeting.cohort.name}


def calendar_filename(cohort):
    return f"{slugify(cohort.name) or 'training-session'}.ics"


def _uid(kind, pk):
    # Stable across downloads, so a calendar updates the event rather than adding a copy.
    host = getattr(settings, "CALENDAR_UID_DOMAIN", "psr-learn")
    return f"{kind}-{pk}@{host}"


def session_calendar(*, cohort, language, course_title, course_url=""):
    """The session's meetings and due dates as an iCalendar file (bytes), in `language`."""
    schedule = session_schedule(cohort)
    stamp = timezone.now()
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", f"{course_title}: {cohort.name}")
        for meeting in schedule.meetings:
            event = Event()
            event.add("uid", _uid("meeting", meeting.pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", meeting.starts_at)
            event.add("dtend", meeting.ends_at)
            event.add("summary", meeting_title(meeting))
            where = [part for part in (meeting.place, meeting.online_url) if part]
            if where:
                event.add("location", " — ".join(where))
            if meeting.online_url:
                event.add("url", meeting.online_url)
            lines = [_("Training session: %(name)s") % {"name": cohort.name}, course_title]
            if meeting.online_url:
                lines.append(_("Join online: %(url)s") % {"url": meeting.online_url})
            event.add("description", "\n".join(lines))
            event.add_component(_reminder(_("Meeting tomorrow"), timedelta(days=1)))
            calendar.add_component(event)
        for due in schedule.due_dates:
            event = Event()
            event.add("uid", _uid(f"due-{due.kind}", cohort.pk))
            event.add("dtstamp", stamp)
            # An instant: the due time itself (RFC 5545: no end, the event ends as it starts).
            event.add("dtstart", due.due_at)
            event.add("summary", f"{due.label}: {course_title}")
            if course_url:
                event.add("url", course_url)
                event.add("description", course_url)
            event.add_component(_reminder(due.label, timedelta(days=2)))
            calendar.add_component(event)
    return calendar.to_ical()


def _reminder(text, before):
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    return alarm
