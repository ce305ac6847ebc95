"""Reminders and trainers' digests from `manage.py send_reminders` (issue 15): once per step,
however often it runs; bounded per run and resumed by the next; switched off from the email
with no sign-in."""

import datetime
import re
import zoneinfo
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learning.notifications.models import EmailKind, EmailStatus, OutgoingEmail
from learning.notifications.services import email_queue, email_send, emails_send_queued
from learning.people.models import Enrolment, Profile
from learning.people.services import enrolment_create
from learning.progress.models import LessonProgress
from learning.progress.services import lesson_complete
from tests.learning.factories import ProfileFactory
from tests.learning.progress.test_quiz_progress import take

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def finish_lessons(user, lessons, *, days_ago):
    for lesson in lessons:
        lesson_complete(user=user, lesson=lesson)
    LessonProgress.objects.filter(enrolment__user=user).update(
        completed_at=timezone.now() - days_ago * DAY
    )


def enrol(user, course, *, days_ago=0, cohort=None):
    enrolment = enrolment_create(user=user, course=course, cohort=cohort)[0]
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - days_ago * DAY)
    emails_send_queued(limit=100)  # the enrolment's own email, sent after its commit
    mail.outbox.clear()
    return enrolment


def subjects():
    return sorted(message.subject for message in mail.outbox)


def test_the_post_test_and_survey_are_reminded_once_three_days_after_the_last_lesson(
    english_learner, course_with_tests
):
    course, lessons, _quizzes = course_with_tests
    enrol(english_learner, course, days_ago=10)
    finish_lessons(english_learner, lessons, days_ago=2)
    assert "queued 0 reminders" in run("--no-digests")
    assert mail.outbox == []

    LessonProgress.objects.update(completed_at=timezone.now() - 3 * DAY - datetime.timedelta(1))
    assert "queued 2 reminders" in run("--no-digests")
    assert subjects() == [
        'Reminder: the evaluation survey of "Working with sponsors"',
        'Reminder: the post-test of "Working with sponsors"',
    ]
    # Run it again, and again: nobody gets a second email for the same step.
    assert "queued 0 reminders" in run("--no-digests")
    run("--no-digests")
    assert len(mail.outbox) == 2
    rows = OutgoingEmail.objects.filter(user=english_learner, kind__startswith="reminder")
    rows = rows.order_by("kind")
    assert [(row.kind, row.status) for row in rows] == [
        (EmailKind.REMINDER_POST_TEST, EmailStatus.SENT),
        (EmailKind.REMINDER_SURVEY, EmailStatus.SENT),
    ]


def test_a_step_done_is_not_reminded(english_learner, course_with_tests):
    course, lessons, quizzes = course_with_tests
    enrol(english_learner, course, days_ago=10)
    finish_lessons(english_learner, lessons, days_ago=5)
    take(quizzes["post"], english_learner)
    mail.outbox.clear()
    run("--no-digests")
    assert subjects() == ['Reminder: the evaluation survey of "Working with sponsors"']


def test_the_pre_test_is_reminded_only_before_the_first_lesson(
    english_learner, french_learner, course_with_tests
):
    course, lessons, _quizzes = course_with_tests
    enrol(english_learner, course, days_ago=4)
    enrol(french_learner, course, days_ago=4)
    lesson_complete(user=french_learner, lesson=lessons[0])
    run("--no-digests")
    assert [m.to for m in mail.outbox] == [[english_learner.email]]
    assert mail.outbox[0].subject == 'Before you start "Working with sponsors": the pre-test'


def test_a_due_date_brings_the_reminder_forward(english_learner, course_with_tests, session):
    course, lessons, _quizzes = course_with_tests
    session.post_test_due = timezone.now() + DAY
    session.save()
    enrol(english_learner, course, cohort=session)
    finish_lessons(english_learner, lessons, days_ago=0)
    mail.outbox.clear()
    run("--no-digests")
    [message] = mail.outbox
    assert message.subject == 'Reminder: the post-test of "Working with sponsors"'
    # In the learner's time zone (British Columbia: Pacific time).
    local = timezone.localtime(
        session.post_test_due, timezone=zoneinfo.ZoneInfo("America/Vancouver")
    )
    assert f"It is due on {local:%A} {local.day} {local:%B %Y, %H:%M}" in message.body


def test_each_reminder_turns_reminders_off_with_one_link_and_no_sign_in(
    client, english_learner, course_with_tests
):
    course, lessons, _quizzes = course_with_tests
    enrol(english_learner, course, days_ago=10)
    finish_lessons(english_learner, lessons, days_ago=5)
    run("--no-digests")
    message = mail.outbox[0]
    link = re.search(r"No more reminders\? One click, no sign-in: (\S+)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    path = link.split("://", 1)[1].split("/", 1)[1]

    page = client.get(f"/{path}")  # opening the link (a mail scanner does) changes nothing
    assert page.status_code == 200
    assert Profile.objects.get(user=english_learner).reminders is True
    assert client.post(f"/{path}").status_code == 200
    assert Profile.objects.get(user=english_learner).reminders is False
    assert "Your reminders are already off." in client.get(f"/{path}").content.decode()

    forged = client.get(f"/{path[:-3]}xyz/")
    assert forged.status_code == 404
    assert "This link is not valid" in forged.content.decode()


def test_nobody_who_turned_reminders_off_is_reminded(english_learner, course_with_tests):
    course, lessons, _quizzes = course_with_tests
    Profile.objects.filter(user=english_learner).update(reminders=False)
    enrol(english_learner, course, days_ago=10)
    finish_lessons(english_learner, lessons, days_ago=5)
    run("--no-digests")
    assert mail.outbox == []


def test_a_run_sends_at_most_its_limit_and_the_next_run_goes_on(course_with_tests):
    course, lessons, _quizzes = course_with_tests
    for _ in range(5):
        user = ProfileFactory().user
        enrol(user, course, days_ago=10)
        lesson_complete(user=user, lesson=lessons[0])  # started: no pre-test reminder
    LessonProgress.objects.update(completed_at=timezone.now() - 5 * DAY)
    for lesson in lessons[1:]:
        for enrolment in Enrolment.objects.all():
            lesson_complete(user=enrolment.user, lesson=lesson)
    LessonProgress.objects.update(completed_at=timezone.now() - 5 * DAY)
    mail.outbox.clear()

    assert "sent 4," in run("--no-digests", "--limit", "4")
    assert len(mail.outbox) == 4
    assert OutgoingEmail.objects.filter(status=EmailStatus.PENDING).count() == 6
    run("--no-digests", "--limit", "4")
    run("--no-digests", "--limit", "4")
    assert len(mail.outbox) == 10
    assert not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()


def test_two_runs_never_send_the_same_email(english_learner):
    email = email_queue(
        kind=EmailKind.WELCOME, key="welcome:test", user=english_learner, send_on_commit=False
    )
    assert email_send(email_id=email.pk) == EmailStatus.SENT
    assert email_send(email_id=email.pk) is None  # already sent: the claim fails
    assert len(mail.outbox) == 1


def test_trainers_get_a_weekly_digest_of_counts_without_names(trainer, course_with_tests, session):
    course, lessons, quizzes = course_with_tests
    session.post_test_due = timezone.now() - DAY
    session.save()
    late, done, fresh = (ProfileFactory(user__first_name=name).user for name in "ABC")
    for user in (late, done, fresh):
        enrol(user, course, cohort=session)
    for user in (late, done):
        finish_lessons(user, lessons, days_ago=0)
    take(quizzes["post"], done)
    take(quizzes["survey"], done, value="helpful")
    mail.outbox.clear()

    assert "1 digests" in run()
    [digest] = [m for m in mail.outbox if m.to == [trainer.email]]
    assert digest.subject == "Your training sessions this week"
    assert "Ottawa December (Working with sponsors)" in digest.body
    assert "3 learners joined, 1 completed, 2 past a due date" in digest.body
    for user in (late, done, fresh):
        assert user.last_name not in digest.body
    assert "0 digests" in run()  # once a week


def test_a_french_learner_is_reminded_in_french_with_the_due_date_in_their_zone(
    french_learner, course_with_tests, session
):
    course, lessons, quizzes = course_with_tests
    session.survey_due = datetime.datetime(2030, 3, 14, 21, 0, tzinfo=datetime.UTC)
    session.save()
    enrol(french_learner, course, cohort=session)
    finish_lessons(french_learner, lessons, days_ago=0)
    take(quizzes["post"], french_learner)
    mail.outbox.clear()
    run("--no-digests", "--now", "2030-03-13T12:00:00+00:00")
    [message] = mail.outbox
    assert (
        message.subject == "Rappel : le sondage d’évaluation de « Travailler avec les répondants »"
    )
    assert message.body.startswith("Bonjour Élodie,")
    # Québec: Eastern daylight time, 21:00 UTC is 17:00.
    assert "L’échéance est le jeudi 14 mars 2030, 17:00" in message.body
    assert "Plus de rappels? Un clic, sans vous connecter :" in message.body
    assert "/fr/quizzes/" in message.body
