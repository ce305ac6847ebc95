"""Reads for learner records: whom a course is for, which courses a learner is in."""

from django.db.models import Case, IntegerField, Value, When

from content.models import Audience

from .models import Enrolment, Role

ROLE_AUDIENCE = {
    Role.SETTLEMENT_WORKER: Audience.SETTLEMENT_WORKERS,
    Role.SPONSOR: Audience.SPONSORS,
    Role.SAH_STAFF: Audience.SPONSORS,
}


def audience_for_user(user):
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return ROLE_AUDIENCE.get(getattr(profile, "role", None))


def order_courses_for_audience(courses, audience):
    """The learner's own courses first, then those for everyone, then the rest."""
    if not audience:
        return courses
    return courses.annotate(
        audience_rank=Case(
            When(audience=audience, then=Value(0)),
            When(audience=Audience.EVERYONE, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("audience_rank", "path")


def enrolled_course_ids(*, user):
    if not user.is_authenticated:
        return set()
    return set(Enrolment.objects.filter(user=user).values_list("course_id", flat=True))


def learner_catalogue(*, user, courses):
    """Catalogue context: the learner's own audience first, and which courses they are in."""
    learner_audience = audience_for_user(user)
    return {
        "courses": order_courses_for_audience(courses, learner_audience),
        "learner_audience": learner_audience,
        "enrolled_ids": enrolled_course_ids(user=user),
    }
