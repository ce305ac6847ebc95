"""Every email, in both languages, as a mail program receives it; and the queue's promises under
failure (issue 15): a refused send is retried once by the next run, a run that died mid-send is
resumed by a later one, two runs at once send each email once, and a course completed with an
optional step its session set a due date for still gets that step's reminder."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.utils import timezone

from content.models import CompletionRule
from learning.notifications.models import EmailKind, EmailStatus, OutgoingEmail
from learning.notifications.services import CLAIM_TIMEOUT, email_queue, email_send
from learning.people.models import Enrolment, Profile
from learning.people.services import enrolment_create
from learning.progress.models import LessonProgress
from learning.progress.services import lesson_complete
from tests.learning.factories import ProfileFactory
from tests.learning.progress.test_quiz_progress import take

SITE = "https://learn.example.ca"
DAY = datetime.timedelta(days=1)


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def html_of(message):
    return next(body for body, kind in message.alternatives if kind == "text/html")


def queue_and_send(kind, key, user, **links):
    email = email_queue(kind=kind, key=key, user=user, send_on_commit=False, **links)
    mail.outbox.clear()
    assert email_send(email_id=email.pk) == EmailStatus.SENT
    [message] = mail.outbox
    return message


EVERY_KIND = [
    EmailKind.WELCOME,
    EmailKind.ENROLMENT,
    EmailKind.SESSION_JOINED,
    EmailKind.COMPLETION,
    EmailKind.REMINDER_PRE_TEST,
    EmailKind.REMINDER_POST_TEST,
    EmailKind.REMINDER_SURVEY,
    EmailKind.TRAINER_DIGEST,
]


@pytest.mark.django_db
@override_settings(SITE_URL=SITE, DEFAULT_FROM_EMAIL="PSR Learn <noreply@learn.example.ca>")
@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_email_is_text_and_html_in_the_readers_language_and_names_no_server(
    kind, english_learner, french_learner, trainer, course_with_tests, session
):
    course = course_with_tests[0]
    # Titles with an apostrophe and an ampersand: the subject line shows them as typed.
    course.title_en = "Sponsors' first steps & after"
    course.title_fr = "L'accueil des répondants & après"
    course.save()
    session.name = "Kingston & Area"
    session.save()
    Profile.objects.filter(user=trainer).delete()
    ProfileFactory(user=trainer, preferred_language="en")
    bodies = {}
    for language, user in (("en", english_learner), ("fr", french_learner)):
        if kind == EmailKind.TRAINER_DIGEST:
            Profile.objects.filter(user=trainer).update(preferred_language=language)
            user = trainer
        links = {}
        if kind not in (EmailKind.WELCOME, EmailKind.TRAINER_DIGEST):
            enrolment = enrolment_create(user=user, course=course, cohort=session)[0]
            links = {"enrolment": enrolment, "cohort": session}
        message = queue_and_send(kind, f"test:{kind}:{language}", user, **links)
        html = html_of(message)
        assert message.body.strip() and f'<html lang="{language}">' in html
        assert "&#x27;" not in message.subject and "&amp;" not in message.subject
        whole = message.message().as_string()
        # Links and headers name the public site, never the machine that sent the email.
        for host in ("localhost", "127.0.0.1", "testserver"):
            assert host not in whole, host
        assert message.extra_headers["Message-ID"].endswith("@learn.example.ca>")
        bodies[language] = message
        row = OutgoingEmail.objects.get(key=f"test:{kind}:{language}")
        assert (row.status, row.language, row.to) == (EmailStatus.SENT, language, user.email)
        assert row.subject == message.subject and row.sent_at is not None
    english, french = bodies["en"], bodies["fr"]
    assert english.body.startswith(("Hello", "Hello,"))
    assert french.body.startswith("Bonjour")
    assert english.subject != french.subject
    if kind not in (EmailKind.WELCOME, EmailKind.TRAINER_DIGEST):
        assert "L'accueil des répondants & après" in french.subject + french.body
        assert "Sponsors' first steps & after" in english.subject + english.body
    if kind.startswith("reminder"):
        assert "Plus de rappels? Un clic, sans vous connecter :" in french.body
        assert "List-Unsubscribe" in french.extra_headers


@pytest.mark.django_db
def test_a_french_trainer_reads_the_weekly_digest_in_french(trainer, course_with_tests, session):
    ProfileFactory(user=trainer, preferred_language="fr")
    course = course_with_tests[0]
    for _ in range(2):
        enrolment_create(user=ProfileFactory().user, course=course, cohort=session)
    mail.outbox.clear()
    run()
    [digest] = [m for m in mail.outbox if m.to == [trainer.email]]
    assert digest.subject == "Vos séances de formation cette semaine"
    assert digest.body.startswith("Bonjour")
    assert "Ottawa December (Travailler avec les répondants)" in digest.body
    # French counts zero in the singular.
    assert "2 personnes inscrites, 0 a terminé, 0 en retard sur une échéance" in digest.body
    assert "Ottawa December" in html_of(digest)
    assert "0 digests" in run()  # once a week


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db
def test_an_email_the_mail_server_refused_is_sent_by_the_next_run_and_only_once(
    english_learner, settings
):
    email_queue(kind=EmailKind.WELCOME, key="w", user=english_learner, send_on_commit=False)
    settings.EMAIL_BACKEND = "tests.learning.notifications.test_delivery.RefusingBackend"
    assert "sent 0, failed 1" in run("--no-digests")
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == (EmailStatus.FAILED, 1)
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "sent 1, failed 0" in run("--no-digests")
    assert "sent 0, failed 0" in run("--no-digests")
    assert [m.to for m in mail.outbox] == [[english_learner.email]]
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (EmailStatus.SENT, 2, "")


@pytest.mark.django_db
def test_a_run_that_died_mid_send_is_resumed_by_a_later_run_once(english_learner, french_learner):
    stale = email_queue(kind=EmailKind.WELCOME, key="a", user=english_learner, send_on_commit=False)
    busy = email_queue(kind=EmailKind.WELCOME, key="b", user=french_learner, send_on_commit=False)
    # One run died after claiming its email; another is sending its own right now.
    OutgoingEmail.objects.filter(pk=stale.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now() - CLAIM_TIMEOUT - DAY
    )
    OutgoingEmail.objects.filter(pk=busy.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now()
    )
    assert "sent 1," in run("--no-digests")
    assert [m.to for m in mail.outbox] == [[english_learner.email]]
    assert "sent 0," in run("--no-digests")
    assert OutgoingEmail.objects.get(pk=stale.pk).status == EmailStatus.SENT
    assert OutgoingEmail.objects.get(pk=busy.pk).status == EmailStatus.SENDING


class SlowBackend(EmailBackend):
    """A mail server that takes its time, so runs started together overlap."""

    def send_messages(self, messages):
        threading.Event().wait(0.02)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_four_runs_at_once_remind_each_learner_once(course_with_tests, settings):
    course = course_with_tests[0]
    learners = [ProfileFactory().user for _ in range(8)]
    for user in learners:
        enrolment_create(user=user, course=course)
    Enrolment.objects.update(enrolled_at=timezone.now() - 4 * DAY)  # pre-test owed
    OutgoingEmail.objects.all().delete()
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "tests.learning.notifications.test_delivery.SlowBackend"
    start = threading.Barrier(4)

    def one_run(_number):
        try:
            start.wait()
            return run("--no-digests")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(one_run, range(4)))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(user.email for user in learners)
    assert OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 8
    assert sum(int(out.split("queued ")[1].split()[0]) for out in outputs) == 8


@pytest.mark.django_db
def test_an_optional_survey_with_a_due_date_is_reminded_after_the_course_is_complete(
    english_learner, course_with_tests, session
):
    course, lessons, quizzes = course_with_tests
    course.completion_rule = CompletionRule.ALL_LESSONS
    course.save()
    session.survey_due = timezone.now() + 10 * DAY
    session.save()
    enrolment = enrolment_create(user=english_learner, course=course, cohort=session)[0]
    for lesson in lessons:
        lesson_complete(user=english_learner, lesson=lesson)
    LessonProgress.objects.update(completed_at=timezone.now() - 5 * DAY)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # the survey is optional here
    run("--no-digests")
    mail.outbox.clear()
    assert "queued 0 reminders" in run("--no-digests")  # not yet: ten days to go

    run("--no-digests", "--now", (session.survey_due - DAY).isoformat())
    assert [m.subject for m in mail.outbox] == [
        'Reminder: the evaluation survey of "Working with sponsors"'
    ]
    assert "It is due on" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_step_done_after_its_reminder_was_queued_is_not_sent(english_learner, course_with_tests):
    course, lessons, quizzes = course_with_tests
    enrolment = enrolment_create(user=english_learner, course=course)[0]
    for lesson in lessons:
        lesson_complete(user=english_learner, lesson=lesson)
    email = email_queue(
        kind=EmailKind.REMINDER_POST_TEST,
        key="reminder:post_test:late",
        user=english_learner,
        enrolment=enrolment,
        send_on_commit=False,
    )
    take(quizzes["post"], english_learner)
    mail.outbox.clear()
    assert email_send(email_id=email.pk) == EmailStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_learner_with_reminders_off_still_gets_the_certificate_email(
    english_learner, course_with_tests, django_capture_on_commit_callbacks
):
    course, lessons, quizzes = course_with_tests
    Profile.objects.filter(user=english_learner).update(reminders=False)
    enrolment_create(user=english_learner, course=course)
    for lesson in lessons:
        lesson_complete(user=english_learner, lesson=lesson)
    take(quizzes["post"], english_learner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        take(quizzes["survey"], english_learner, value="helpful")
    assert [m.subject for m in mail.outbox] == [
        "You completed Working with sponsors: your certificate"
    ]
