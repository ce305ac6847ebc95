"""Demo knowledge-exchange events (issue 17), from the program's final report in shared/seeds:
5 community knowledge-exchange events with Immigrant Services Kingston & Area, 70 people took
part, and 90% of the attendees surveyed found the events very or somewhat helpful in increasing
their understanding of the local resources that support sponsored refugees.

`seed_demo_events` makes the five events (training sessions of kind "event") over the demo's
six months, on the "Community knowledge exchange" course that holds their evaluation survey.
`simulate_event_responses` has some attendees join each event with its code and answer the
survey through the real services, as responses.py does for the courses: 50 of the 70 answer,
45 of them favourably (90%). Both are idempotent: events are matched by code, attendees by
username ("demo-attendee-<seed>-<n>").
"""

import datetime
import random
import sys
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from content.models import LessonPage
from learning.people.models import Cohort, CohortKind, Role
from learning.people.services import cohort_join, profile_update
from learning.progress.services import lesson_complete
from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit

from .responses import FIRST_NAMES, LAST_NAMES, Clock, _weighted

PARTNER = "Immigrant Services Kingston & Area"
EVENT_SURVEY = "event-evaluation-survey"
HELPFUL_QUESTION = "event-helpful-local-resources"
# Days before today, title, people counted at the event, attendees who answered the survey.
EVENTS = (
    (165, "Knowledge exchange: mental health and well-being", 18, 13),
    (130, "Knowledge exchange: finding housing in Kingston", 12, 9),
    (95, "Knowledge exchange: health care in the first year", 15, 11),
    (60, "Knowledge exchange: language classes and work", 11, 8),
    (25, "Knowledge exchange: building a local resource guide", 14, 9),
)
# Attendees can join to answer the survey for two weeks after the event.
JOIN_DAYS = 14
# The 50 answers to the helpful question: 45 favourable (very or somewhat helpful), 90%.
HELPFUL_ANSWERS = (
    ("very-helpful", 27),
    ("somewhat-helpful", 18),
    ("not-very-helpful", 4),
    ("not-at-all-helpful", 1),
)
ROLE_WEIGHTS = {Role.SPONSOR: 50, Role.SETTLEMENT_WORKER: 20, Role.SAH_STAFF: 15, Role.OTHER: 15}
FRENCH_SHARE = 0.15
COMMENT_SHARE = 0.3
COMMENTS = {
    "en": (
        "Meeting the agency staff in person made it easier to call them afterwards.",
        "The list of mental health services in other languages was what we needed.",
        "More time for questions, please.",
    ),
    "fr": (
        "Rencontrer le personnel de l'organisme en personne a facilité les appels par la suite.",
        "La liste des services de santé mentale dans d'autres langues était ce qu'il nous fallait.",
        "Plus de temps pour les questions, s'il vous plaît.",
    ),
}


def event_code(number):
    return f"KXDEMO{number}"


@transaction.atomic
def seed_demo_events(*, course):
    """The five demo events, created once with dates counted back from today."""
    today = timezone.localdate()
    events = []
    for number, (days_ago, name, attendance, _respondents) in enumerate(EVENTS, start=1):
        starts_on = today - datetime.timedelta(days=days_ago)
        event, _created = Cohort.objects.get_or_create(
            code=event_code(number),
            defaults={
                "kind": CohortKind.EVENT,
                "course": course,
                "name": name,
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(days=JOIN_DAYS),
                "partner_organisation": PARTNER,
                "organisation": "PSR Learn demo",
                "region": "kingston",
                "attendance": attendance,
            },
        )
        events.append(event)
    return events


def _helpful_answers(seed):
    """The 50 answers to the helpful question, in an order fixed by the seed."""
    answers = [code for code, count in HELPFUL_ANSWERS for _ in range(count)]
    random.Random(f"psr-learn-events:{seed}").shuffle(answers)  # noqa: S311 - demo data
    return answers


def _survey_answers(rng, survey, helpful, language):
    answers = {}
    for question in survey.questions.order_by("sort_order"):
        if question.code == HELPFUL_QUESTION:
            answers[question.pk] = helpful
        elif question.code == "comments" and rng.random() < COMMENT_SHARE:
            answers[question.pk] = rng.choice(COMMENTS[language])
    return answers


def _attend(*, rng, username, event, survey, lessons, helpful):
    language = "fr" if rng.random() < FRENCH_SHARE else "en"
    # Joined the evening of the event or in the days after, before the code expired.
    joined = timezone.make_aware(
        datetime.datetime.combine(event.starts_on, datetime.time(19))
    ) + datetime.timedelta(days=rng.uniform(0, JOIN_DAYS - 1))
    clock = Clock(joined)
    # Demo data only: timezone.now is patched so the attendee acts on the event's days.
    with (
        mock.patch("django.utils.timezone.now", new=clock),
        translation.override(language),
        transaction.atomic(),
    ):
        user = get_user_model().objects.create(
            username=username,
            email=f"{username}@example.org",
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        profile_update(
            user=user,
            role=_weighted(rng, ROLE_WEIGHTS),
            region=event.region,
            organisation="PSR Learn demo",
            preferred_language=language,
            evaluation_consent=True,
        )
        cohort_join(user=user, code=event.code, language=language)
        for lesson in lessons:
            clock.advance_to(clock.moment + datetime.timedelta(minutes=rng.uniform(3, 8)))
            lesson_complete(user=user, lesson=lesson)
        clock.advance_to(clock.moment + datetime.timedelta(minutes=rng.uniform(2, 5)))
        attempt = attempt_start(quiz=survey, user=user, language=language)
        attempt_submit(
            attempt=attempt, answers=_survey_answers(rng, survey, helpful, language), user=user
        )


def simulate_event_responses(*, seed=2026, stdout=None):
    """Attendees of the demo events answer the survey; returns how many were added."""
    survey = Quiz.objects.filter(slug=EVENT_SURVEY).select_related("course").first()
    if survey is None:
        raise LookupError("The demo event survey is missing: run `manage.py seed_demo` first.")
    events = {event.code: event for event in Cohort.objects.filter(kind=CohortKind.EVENT)}
    lessons = list(LessonPage.objects.live().child_of(survey.course).order_by("path"))
    existing = set(
        get_user_model()
        .objects.filter(username__startswith=f"demo-attendee-{seed}-")
        .values_list("username", flat=True)
    )
    answers = iter(_helpful_answers(seed))
    added = n = 0
    for number, (_days, _name, _attendance, respondents) in enumerate(EVENTS, start=1):
        event = events.get(event_code(number))
        for _ in range(respondents):
            n += 1
            helpful = next(answers)
            username = f"demo-attendee-{seed}-{n}"
            if event is None or username in existing:
                continue
            rng = random.Random(f"psr-learn-attendee:{seed}:{n}")  # noqa: S311 - demo data
            _attend(
                rng=rng,
                username=username,
                event=event,
                survey=survey,
                lessons=lessons,
                helpful=helpful,
            )
            added += 1
    (stdout or sys.stdout).write(
        f"Simulated event attendees (seed {seed}): {added} answered the survey, "
        f"{n - added} already there.\n"
    )
    return added
