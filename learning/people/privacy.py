"""What the site holds about a person, for them to download (reads only).

`account_export(user=...)` gathers every section registered with the
`privacy_export_sections` extension point (learning/people/extensions.py): the sections of
learner records below, then those the layers above register in `AppConfig.ready()` (lesson
progress and certificates, quiz attempts).
"""

from allauth.account.models import EmailAddress
from axes.models import AccessFailureLog, AccessLog
from django.db.models import Q
from django.utils import timezone, translation

from content.h5p.models import H5PRefusedStatement, H5PResult, H5PUserState

from .extensions import privacy_export_sections
from .models import Cohort, ConsentChange, Enrolment, Profile

FORMAT_VERSION = 1

export_section = privacy_export_sections.register


def datetime_text(value):
    return timezone.localtime(value).isoformat() if value else None


def date_text(value):
    return value.isoformat() if value else None


def course_url_path(course, language):
    with translation.override(language):
        return course.get_url()


def login_identifiers(*, user):
    """Every name django-axes may have stored for this person's logins, in lower case.

    Logins and failures are logged under the username (`learning.people.auth.login_identifier`);
    failures recorded before issue 13 may be under any of the person's email addresses.
    """
    identifiers = {user.get_username(), user.email}
    identifiers.update(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return sorted({identifier.strip().lower() for identifier in identifiers if identifier})


def login_identifier_filter(*, user):
    """A filter matching the axes rows (any of its models) recorded under the person's names."""
    condition = Q(pk__in=[])
    for identifier in login_identifiers(user=user):
        condition |= Q(username__iexact=identifier)
    return condition


@export_section
def account_section(user):
    return "account", {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": datetime_text(user.date_joined),
        "last_login": datetime_text(user.last_login),
    }


@export_section
def email_addresses_section(user):
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return "email_addresses", [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in addresses
    ]


@export_section
def profile_section(user):
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return "profile", None
    return "profile", {
        "role": profile.role,
        "role_label": str(profile.get_role_display()) if profile.role else "",
        "organisation": profile.organisation,
        "region": profile.region,
        "region_label": str(profile.get_region_display()) if profile.region else "",
        "preferred_language": profile.preferred_language,
        # True, False, or None while the question has not been answered.
        "evaluation_consent": profile.evaluation_consent,
        "consent_updated_at": datetime_text(profile.consent_updated_at),
        "time_zone": profile.time_zone,
        "reminders": profile.reminders,
    }


@export_section
def enrolments_section(user):
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course", "cohort")
        .order_by("enrolled_at", "pk")
    )
    return "enrolments", [
        {
            "course_title_en": enrolment.course.title_en,
            "course_title_fr": enrolment.course.title_fr,
            "course_url_path": course_url_path(enrolment.course, enrolment.language),
            "language": enrolment.language,
            "enrolled_at": datetime_text(enrolment.enrolled_at),
            "completed_at": datetime_text(enrolment.completed_at),
            "cohort": (
                {"name": enrolment.cohort.name, "code": enrolment.cohort.code}
                if enrolment.cohort
                else None
            ),
        }
        for enrolment in enrolments
    ]


@export_section
def sessions_joined_section(user):
    """Training sessions the person joined (their enrolment carries the session)."""
    enrolments = (
        Enrolment.objects.filter(user=user, cohort__isnull=False)
        .select_related("cohort__course")
        .order_by("enrolled_at", "pk")
    )
    return "sessions_joined", [
        {
            "name": enrolment.cohort.name,
            "code": enrolment.cohort.code,
            "course_title_en": enrolment.cohort.course.title_en,
            "course_title_fr": enrolment.cohort.course.title_fr,
            "starts_on": date_text(enrolment.cohort.starts_on),
            "ends_on": date_text(enrolment.cohort.ends_on),
            "organisation": enrolment.cohort.organisation,
            "region": enrolment.cohort.region,
        }
        for enrolment in enrolments
    ]


@export_section
def consent_history_section(user):
    changes = ConsentChange.objects.filter(user=user).order_by("changed_at", "pk")
    return "consent_history", [
        {
            "consent": "given" if change.given else "withdrawn",
            "changed_at": datetime_text(change.changed_at),
            "changed_through": change.source,
        }
        for change in changes
    ]


@export_section
def h5p_saved_state_section(user):
    """What H5P activities saved to resume where the person left off, as the player wrote it."""
    states = (
        H5PUserState.objects.filter(user=user)
        .select_related("package")
        .order_by("updated_at", "pk")
    )
    return "h5p_saved_state", [
        {
            "activity": state.package.title,
            "language": state.package.language,
            "data": state.data,
            "updated_at": datetime_text(state.updated_at),
        }
        for state in states
    ]


@export_section
def h5p_results_section(user):
    """Scores the person's browser reported from H5P activities, with the statement it sent."""
    results = (
        H5PResult.objects.filter(user=user)
        .select_related("package", "lesson")
        .order_by("created_at", "pk")
    )
    return "h5p_results", [
        {
            "activity": result.package.title,
            "lesson_title_en": result.lesson.title_en if result.lesson else None,
            "lesson_title_fr": result.lesson.title_fr if result.lesson else None,
            "score": str(result.raw),
            "max_score": str(result.max),
            "statement": result.statement,
            "reported_at": datetime_text(result.created_at),
        }
        for result in results
    ]


@export_section
def h5p_refused_section(user):
    """Statements from the person's browser refused for their score, kept for trainers."""
    refused = (
        H5PRefusedStatement.objects.filter(user=user)
        .select_related("package", "lesson")
        .order_by("created_at", "pk")
    )
    return "h5p_refused_results", [
        {
            "activity": item.package.title,
            "lesson_title_en": item.lesson.title_en if item.lesson else None,
            "lesson_title_fr": item.lesson.title_fr if item.lesson else None,
            "reason": item.code,
            "statement": item.statement,
            "refused_at": datetime_text(item.created_at),
        }
        for item in refused
    ]


@export_section
def cohorts_trained_section(user):
    """Training sessions the person runs as a trainer (their name is on them)."""
    cohorts = Cohort.objects.filter(trainer=user).select_related("course").order_by("starts_on")
    return "cohorts_trained", [
        {
            "name": cohort.name,
            "code": cohort.code,
            "course_title_en": cohort.course.title_en,
            "course_title_fr": cohort.course.title_fr,
            "starts_on": date_text(cohort.starts_on),
            "ends_on": date_text(cohort.ends_on),
            "organisation": cohort.organisation,
            "region": cohort.region,
        }
        for cohort in cohorts
    ]


@export_section
def logins_section(user):
    """Login records, kept against password-guessing attacks (django-axes).

    Successful logins are the person's own, with the address and browser they used. A failed
    attempt may come from anyone who typed their email, so only its time is given.
    """
    condition = login_identifier_filter(user=user)
    logins = AccessLog.objects.filter(condition).order_by("-attempt_time")
    failures = AccessFailureLog.objects.filter(condition).order_by("-attempt_time")
    return "logins", {
        "successful": [
            {
                "logged_in_at": datetime_text(log.attempt_time),
                "logged_out_at": datetime_text(log.logout_time),
                "ip_address": log.ip_address,
                "user_agent": log.user_agent,
            }
            for log in logins
        ],
        "failed": [
            {"attempted_at": datetime_text(log.attempt_time), "locked_out": log.locked_out}
            for log in failures
        ],
    }


def account_export(*, user):
    """Everything the site holds about `user`, JSON-serialisable, in constant queries."""
    data = {"format_version": FORMAT_VERSION, "exported_at": datetime_text(timezone.now())}
    for key, value in privacy_export_sections(user=user):
        if key in data:
            raise ValueError(f"Two export sections use the key {key!r}.")
        data[key] = value
    return data
