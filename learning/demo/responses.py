"""Simulated learners for the demo: they take the demo courses through the real services.

Each learner gets an account and a profile, enrols (some by joining the demo training session),
takes the pre-test, completes the lessons, takes the post-test and answers the anonymous
evaluation survey. Everything goes through the services of the learner layers and the quiz
engine, so scores, respondent keys, snapshots, consent, completion and certificates are exactly
what real learners would produce; only the answers and the dates are invented.

Survey answers are drawn near the pilot's figures in shared/seeds: 87% and 90% of settlement
workers found the training helpful, sponsors rated communication 4.9/5 against 3.6/5 for their
earlier experience. Tests are answered with a modest chance of being right before the course
and a higher one after, so the pre/post change is positive.

Deterministic: learner n of seed s always draws from the same random generator, so running
again with the same seed skips the learners that exist ("demo-learner-<seed>-<n>") and changes
nothing, and a new seed adds new learners.
"""

import datetime
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from content.models import LessonPage
from learning.people.models import Cohort, Region, Role
from learning.people.services import cohort_join, enrolment_create, profile_update
from learning.progress.services import lesson_complete
from quizzes.models import AssignmentRole, QuestionKind, Quiz
from quizzes.selectors import passed_any, required_quiz_ids
from quizzes.services import attempt_start, attempt_submit

from .courses import DEMO_COHORT_CODE

# Audience: (pre-test, post-test, survey, profile role).
COURSES = {
    "settlement_workers": (
        "sw-pre-test",
        "sw-post-test",
        "sw-evaluation-survey",
        Role.SETTLEMENT_WORKER,
    ),
    "sponsors": (
        "sponsor-pre-test",
        "sponsor-post-test",
        "sponsor-evaluation-survey",
        Role.SPONSOR,
    ),
}

# Most learners come from the pilot's regions.
REGION_WEIGHTS = {
    Region.GTA: 28,
    Region.OTTAWA: 18,
    Region.KITCHENER_WATERLOO: 14,
    Region.WINDSOR: 11,
    Region.KINGSTON: 11,
    Region.LONDON: 5,
    Region.HAMILTON: 5,
    Region.NORTHERN_ONTARIO: 3,
    Region.QUEBEC: 3,
    Region.BRITISH_COLUMBIA: 2,
}
FRENCH_SHARE = 0.4
CONSENT_SHARE = 0.95
COHORT_SHARE = 0.5
DAYS_BACK = 182

# Likert and rating distributions, in percent. Favourable among applicable answers:
# 84.5 / 97 ≈ 87% and 89 / 98 ≈ 90.8% (the pilot's 87% and 90%), 86 / 98 ≈ 88%.
LIKERT_WEIGHTS = {
    "helpful-refugee-needs": {
        "very-helpful": 50,
        "helpful": 34.5,
        "somewhat-helpful": 9.5,
        "not-helpful": 3,
        "not-applicable": 3,
    },
    "helpful-sponsor-responsibilities": {
        "very-helpful": 56,
        "helpful": 33,
        "somewhat-helpful": 7,
        "not-helpful": 2,
        "not-applicable": 2,
    },
    "prepared-to-work-with-settlement": {
        "very-well": 48,
        "well": 38,
        "somewhat": 10,
        "not-well": 2,
        "not-applicable": 2,
    },
}
# Means: 4.90 (the pilot's 4.9) and 3.61 (the pilot's 3.6, before the orientation).
RATING_WEIGHTS = {
    "communication-rating": {5: 91, 4: 8, 3: 1},
    "prior-experience-rating": {5: 17, 4: 45, 3: 24, 2: 10, 1: 4},
}
# Optional rating: sponsors who never worked with an agency before skip it.
SKIP_PRIOR_EXPERIENCE = 0.15
COMMENT_SHARE = 0.25
COMMENTS = {
    "en": (
        "The table of who does what was the most useful part.",
        "More examples from smaller towns would help.",
        "I wish we had done this before our family arrived.",
        "Clear and practical. The section on consent answered questions we had for months.",
        "A short checklist to print would be handy.",
    ),
    "fr": (
        "Le tableau du partage des rôles a été la partie la plus utile.",
        "Plus d'exemples de petites villes seraient utiles.",
        "J'aurais aimé suivre cette formation avant l'arrivée de la famille.",
        "Clair et concret. La partie sur le consentement a répondu à des questions de longue date.",
        "Une courte liste de vérification à imprimer serait pratique.",
    ),
}
FIRST_NAMES = (
    "Amina",
    "Jean",
    "Fatima",
    "Marc",
    "Priya",
    "Sophie",
    "Omar",
    "Chloé",
    "Daniel",
    "Mariam",
    "Luc",
    "Grace",
    "Yusuf",
    "Isabelle",
    "Hiba",
    "Nathalie",
)
LAST_NAMES = (
    "Haddad",
    "Tremblay",
    "Nguyen",
    "Gagnon",
    "Singh",
    "Roy",
    "Osman",
    "Côté",
    "Wong",
    "Bouchard",
    "Ahmadi",
    "Martin",
)


@dataclass
class Summary:
    seed: int
    created: int = 0
    skipped: int = 0
    by_audience: Counter = field(default_factory=Counter)
    joined_cohort: int = 0

    def line(self):
        audiences = ", ".join(
            f"{count} {audience.replace('_', ' ')}"
            for audience, count in sorted(self.by_audience.items())
        )
        return (
            f"Simulated learners (seed {self.seed}): {self.created} added"
            f"{f' ({audiences})' if audiences else ''}, {self.joined_cohort} through "
            f"{DEMO_COHORT_CODE}, {self.skipped} already there."
        )


@dataclass
class CoursePlan:
    audience: str
    course: object
    pre_test: Quiz
    post_test: Quiz
    survey: Quiz
    role: str
    lessons: list


class Clock:
    """What timezone.now() returns while a simulated learner acts."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance_to(self, moment):
        # Never backwards: a test's minutes may run past the next planned step.
        self.moment = max(self.moment, moment)


def _plans():
    plans = []
    for audience, (pre_slug, post_slug, survey_slug, role) in COURSES.items():
        slugs = (pre_slug, post_slug, survey_slug)
        quizzes = {quiz.slug: quiz for quiz in Quiz.objects.filter(slug__in=slugs)}
        if len(quizzes) != 3:
            raise LookupError("The demo quizzes are missing: run `manage.py seed_demo` first.")
        course = quizzes[pre_slug].course.specific
        lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
        plans.append(
            CoursePlan(
                audience=audience,
                course=course,
                pre_test=quizzes[pre_slug],
                post_test=quizzes[post_slug],
                survey=quizzes[survey_slug],
                role=role,
                lessons=lessons,
            )
        )
    return plans


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _test_answer(rng, question, skill, role_codes):
    """A test answer that is right with probability `skill` (per task for role assignment)."""
    choices = list(question.choices.all())
    correct = [choice.code for choice in choices if choice.is_correct]
    wrong = [choice.code for choice in choices if not choice.is_correct]
    knows = rng.random() < skill
    if question.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        if not choices:
            return None
        return correct[0] if (knows and correct) or not wrong else rng.choice(wrong)
    if question.kind == QuestionKind.MULTIPLE:
        if (knows and correct) or not wrong:
            return correct
        # A near miss: one right pick forgotten, or one wrong pick added.
        if len(correct) > 1 and rng.random() < 0.5:
            return rng.sample(correct, len(correct) - 1)
        return [*correct, rng.choice(wrong)]
    if question.kind == QuestionKind.ROLE_ASSIGNMENT:
        assignments = {}
        for task in choices:
            right = task.correct_role.code if task.correct_role_id else None
            if right and rng.random() < skill:
                assignments[task.code] = right
            else:
                assignments[task.code] = rng.choice(sorted(role_codes - {right}))
        return assignments
    return None


def _take_test(*, rng, clock, quiz, user, language, skill, role_codes):
    attempt = attempt_start(quiz=quiz, user=user, language=language)
    clock.moment += datetime.timedelta(minutes=rng.uniform(4, 20))
    questions = quiz.questions.prefetch_related("choices__correct_role").order_by("sort_order")
    answers = {}
    for question in questions:
        value = _test_answer(rng, question, skill, role_codes)
        if value is not None:
            answers[question.pk] = value
    return attempt_submit(attempt=attempt, answers=answers, user=user).attempt


def _pass_required_quizzes(*, rng, clock, lesson, user, language, role_codes):
    """The demo lessons require no quiz; if a trainer made one required, pass it first."""
    required = required_quiz_ids(lesson=lesson)
    for skill in (0.8, 0.9, 1.0):
        if not required or passed_any(quiz_ids=required, user=user):
            return
        quiz = Quiz.objects.filter(pk__in=required).order_by("pk").first()
        _take_test(
            rng=rng,
            clock=clock,
            quiz=quiz,
            user=user,
            language=language,
            skill=skill,
            role_codes=role_codes,
        )


def _survey_answers(rng, quiz, language):
    answers = {}
    for question in quiz.questions.order_by("sort_order"):
        code = question.code
        if code in LIKERT_WEIGHTS:
            answers[question.pk] = _weighted(rng, LIKERT_WEIGHTS[code])
        elif code in RATING_WEIGHTS:
            if code == "prior-experience-rating" and rng.random() < SKIP_PRIOR_EXPERIENCE:
                continue
            answers[question.pk] = _weighted(rng, RATING_WEIGHTS[code])
        elif question.kind == QuestionKind.FREE_TEXT and rng.random() < COMMENT_SHARE:
            answers[question.pk] = rng.choice(COMMENTS[language])
    return answers


def _timeline(rng, now, steps):
    """`steps` moments, in order, ending at the survey within the last DAYS_BACK days."""
    end = now - datetime.timedelta(hours=1) - datetime.timedelta(days=rng.uniform(0, DAYS_BACK))
    span = datetime.timedelta(days=rng.uniform(0.05, 10))
    offsets = sorted(rng.random() for _ in range(steps - 2))
    return [end - span, *(end - span + span * offset for offset in offsets), end]


def _simulate_one(*, rng, username, plan, cohort, role_codes, now, summary):
    language = "fr" if rng.random() < FRENCH_SHARE else "en"
    consent = rng.random() < CONSENT_SHARE
    joins_cohort = (
        cohort is not None and cohort.course_id == plan.course.pk and rng.random() < COHORT_SHARE
    )
    region = cohort.region if joins_cohort and rng.random() < 0.8 else None
    region = region or _weighted(rng, REGION_WEIGHTS)
    # Pre-test skill is modest; the course adds to it, so the post-test is mostly right.
    skill_before = min(0.85, max(0.15, rng.gauss(0.5, 0.12)))
    skill_after = min(0.98, max(skill_before, skill_before + rng.gauss(0.32, 0.08)))
    # Enrol + pre-test, one step per lesson, post-test, survey.
    moments = _timeline(rng, now, len(plan.lessons) + 3)
    clock = Clock(moments[0])

    # Demo data only: timezone.now is patched so the learner's steps spread over the last
    # months. Every service and auto_now field reads the patched clock; the real site never
    # does this.
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
            role=plan.role,
            region=region,
            organisation="PSR Learn demo",
            preferred_language=language,
            evaluation_consent=consent,
        )
        if joins_cohort:
            cohort_join(user=user, code=cohort.code, language=language)
            summary.joined_cohort += 1
        else:
            enrolment_create(user=user, course=plan.course, language=language)
        _take_test(
            rng=rng,
            clock=clock,
            quiz=plan.pre_test,
            user=user,
            language=language,
            skill=skill_before,
            role_codes=role_codes,
        )
        for lesson, moment in zip(plan.lessons, moments[1:], strict=False):
            clock.advance_to(moment)
            _pass_required_quizzes(
                rng=rng,
                clock=clock,
                lesson=lesson,
                user=user,
                language=language,
                role_codes=role_codes,
            )
            lesson_complete(user=user, lesson=lesson)
        clock.advance_to(moments[-2])
        _take_test(
            rng=rng,
            clock=clock,
            quiz=plan.post_test,
            user=user,
            language=language,
            skill=skill_after,
            role_codes=role_codes,
        )
        clock.advance_to(moments[-1])
        survey_attempt = attempt_start(quiz=plan.survey, user=user, language=language)
        attempt_submit(
            attempt=survey_attempt,
            answers=_survey_answers(rng, plan.survey, language),
            user=user,
        )
    summary.created += 1
    summary.by_audience[plan.audience] += 1


def simulate_responses(*, count, seed=2026, stdout=None):
    """Simulate `count` learners of the demo courses; returns a Summary, prints one line."""
    plans = _plans()
    # The demo training session, if seed_demo made it and it is still open.
    cohort = Cohort.objects.filter(code=DEMO_COHORT_CODE, ends_on__gte=timezone.localdate()).first()
    role_codes = set(AssignmentRole.objects.values_list("code", flat=True))
    existing = set(
        get_user_model()
        .objects.filter(username__startswith=f"demo-learner-{seed}-")
        .values_list("username", flat=True)
    )
    now = timezone.now()
    summary = Summary(seed=seed)
    for n in range(1, count + 1):
        username = f"demo-learner-{seed}-{n}"
        if username in existing:
            summary.skipped += 1
            continue
        # One generator per learner: skipping existing learners never shifts the others.
        rng = random.Random(f"psr-learn-demo:{seed}:{n}")  # noqa: S311 - demo data, not secrets
        _simulate_one(
            rng=rng,
            username=username,
            plan=plans[(n - 1) % len(plans)],
            cohort=cohort,
            role_codes=role_codes,
            now=now,
            summary=summary,
        )
    (stdout or sys.stdout).write(summary.line() + "\n")
    return summary
