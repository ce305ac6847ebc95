"""What each kind of email says: rendered in the recipient's language and time zone, as plain
text with an HTML alternative (templates in learning/templates/learning/email/).

Links are absolute on the site's public address (settings.SITE_URL), never on the address a
request happened to reach; the site is named "PSR Learn", never by its host (issue 15).
"""

from email.utils import make_msgid
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learning.people.models import Profile
from learning.people.schedule import calendar_filename, session_calendar, session_schedule
from learning.progress.selectors import progress_for_enrolment

from .models import EmailKind
from .selectors import trainer_digest
from .tokens import reminders_off_token

TEMPLATE_DIR = "learning/email"


def site_url(path=""):
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def message_id():
    """A Message-ID on the site's public name: Django's default names the machine that sends
    (socket.getfqdn()), which would tell every recipient the server's host."""
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "psr-learn")


def page_url(page):
    """A page's address on the public site, in the active language."""
    _site_id, _root, path = page.specific.get_url_parts()
    return site_url(path)


def recipient_profile(user):
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def recipient_language(user):
    profile = recipient_profile(user)
    language = profile.preferred_language if profile else ""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def recipient_time_zone(user):
    profile = recipient_profile(user)
    return profile.time_zone_name if profile else settings.TIME_ZONE


def greeting_name(user):
    return user.first_name.strip() or ""


def _path_steps(enrolment):
    progress = progress_for_enrolment(enrolment=enrolment)
    return [
        {
            "title": step.title,
            # The text email's line: "The post-test (optional)".
            "label": step.title if step.required else f"{step.title} ({_('optional')})",
            "detail": step.detail,
            "state": step.state_label,
            "required": step.required,
        }
        for step in progress.path.steps
    ]


def _welcome(email):
    return {
        "home_url": site_url(f"/{translation.get_language()}/"),
        "my_learning_url": site_url(reverse("my_learning")),
        "join_url": site_url(reverse("join_cohort")),
    }


def _enrolment(email):
    enrolment = email.enrolment
    return {
        "course_title": enrolment.course.specific.title,
        "course_url": page_url(enrolment.course),
        "steps": _path_steps(enrolment),
        "my_learning_url": site_url(reverse("my_learning")),
    }


def _session_joined(email):
    context = _enrolment(email)
    cohort = email.cohort
    context.update(
        {
            "cohort": cohort,
            "schedule": session_schedule(cohort),
            "trainer_name": (cohort.trainer.get_full_name().strip() if cohort.trainer else ""),
            "calendar_url": site_url(reverse("session_calendar", args=[cohort.pk])),
        }
    )
    return context


def _completion(email):
    enrolment = email.enrolment
    certificate = getattr(enrolment, "certificate", None)
    return {
        "course_title": enrolment.course.specific.title,
        "course_url": page_url(enrolment.course),
        "certificate_url": (
            site_url(reverse("certificate_pdf", args=[certificate.code])) if certificate else ""
        ),
        "verify_url": (
            site_url(reverse("verify_certificate", args=[certificate.code])) if certificate else ""
        ),
        "my_learning_url": site_url(reverse("my_learning")),
    }


def _reminder(step_kind):
    def context(email):
        enrolment = email.enrolment
        progress = progress_for_enrolment(enrolment=enrolment)
        step = next((s for s in progress.path.steps if s.kind == step_kind), None)
        schedule = session_schedule(enrolment.cohort) if enrolment.cohort_id else None
        return {
            "course_title": enrolment.course.specific.title,
            "course_url": page_url(enrolment.course),
            "step_title": step.title if step else "",
            "step_detail": step.detail if step else "",
            "step_url": site_url(step.url) if step and step.url else page_url(enrolment.course),
            "step_action": step.action if step else _("Open the course"),
            "due_at": schedule.due(step_kind) if schedule else None,
            "reminders_off_url": site_url(
                reverse("reminders_off", args=[reminders_off_token(email.user)])
            ),
        }

    return context


def _trainer_digest(email):
    return {
        "sessions": trainer_digest(trainer=email.user, now=timezone.now()),
        "sessions_url": site_url(reverse("wagtailsnippets_learning_cohort:list")),
    }


CONTEXTS = {
    EmailKind.WELCOME: _welcome,
    EmailKind.ENROLMENT: _enrolment,
    EmailKind.SESSION_JOINED: _session_joined,
    EmailKind.COMPLETION: _completion,
    EmailKind.REMINDER_PRE_TEST: _reminder("pre_test"),
    EmailKind.REMINDER_POST_TEST: _reminder("post_test"),
    EmailKind.REMINDER_SURVEY: _reminder("survey"),
    EmailKind.TRAINER_DIGEST: _trainer_digest,
}


def email_message(email):
    """The message for an OutgoingEmail row, and the language it is written in."""
    user = email.user
    language = recipient_language(user)
    with translation.override(language), timezone.override(recipient_time_zone(user)):
        context = {
            "email": email,
            "name": greeting_name(user),
            "site_url": site_url(),
            "profile_url": site_url(reverse("profile")),
            "LANGUAGE_CODE": language,
            **CONTEXTS[email.kind](email),
        }
        name = f"{TEMPLATE_DIR}/{email.kind}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.attach_alternative(html, "text/html")
        message.extra_headers["Message-ID"] = message_id()
        if "reminders_off_url" in context:
            # Mail programs show their own "unsubscribe" for this (RFC 2369).
            message.extra_headers["List-Unsubscribe"] = f"<{context['reminders_off_url']}>"
        if email.kind == EmailKind.SESSION_JOINED and email.cohort is not None:
            message.attach(
                calendar_filename(email.cohort),
                session_calendar(
                    cohort=email.cohort,
                    language=language,
                    course_title=context["course_title"],
                    course_url=context["course_url"],
                ),
                "text/calendar",
            )
    return message, language
