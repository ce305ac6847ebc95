"""Reads for trainers and program leads about one training session (cohort).

Each returns in a constant number of queries, whatever the number of learners.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from content.h5p.selectors import best_results
from content.models import LessonPage
from content.selectors import course_h5p_activities
from learning.people.models import Enrolment
from quizzes.models import Attempt, Quiz, QuizKind
from quizzes.selectors import counted_attempt

from .models import LessonProgress
from .selectors import lessons_by_course


@dataclass
class LearnerProgress:
    """One learner who joined the session, and how far they got in its course."""

    enrolment: Enrolment
    lessons_done: int
    lessons_total: int
    # The counted percentage of each scored quiz of the course (None: not taken), in the order
    # of cohort_quizzes(). Surveys are never here: their answers are only ever aggregated.
    scores: list = field(default_factory=list)
    # The best result in each H5P activity of the course's lessons (content.h5p.selectors.
    # ActivityResult, None: not tried), in the order of cohort_h5p_activities().
    activity_results: list = field(default_factory=list)
    # Lessons published after the learner completed the course and not done since: not owed,
    # not counted (the rule My learning and the course page say, issue 14).
    lessons_new: int = 0

    @property
    def user(self):
        return self.enrolment.user

    @property
    def profile(self):
        # Loaded with select_related: a learner without a profile costs no query.
        return getattr(self.user, "profile", None)

    @property
    def name(self):
        return self.user.get_full_name().strip()

    @property
    def email(self):
        return self.user.email

    @property
    def organisation(self):
        return self.profile.organisation if self.profile else ""

    @property
    def role(self):
        """The role as the learner chose it, translated; empty if they have not said."""
        if self.profile is None or not self.profile.role:
            return ""
        return self.profile.get_role_display()

    @property
    def enrolled_at(self):
        return self.enrolment.enrolled_at

    @property
    def completed_at(self):
        return self.enrolment.completed_at

    @property
    def is_complete(self):
        return self.enrolment.completed_at is not None

    @property
    def percent(self):
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons_total else 0


def cohort_quizzes(*, cohort):
    """The course's scored quizzes (pre-test, post-test, knowledge checks), never its surveys:
    those linked to the course, then those its live lessons embed (in either language's body) in
    lesson order. A lesson's quiz need not be linked to the course to be followed (issue 16).
    Two queries."""
    lessons = LessonPage.objects.live().child_of(cohort.course).order_by("path")
    embedded = []
    for lesson in lessons.only("pk", "body_en", "body_fr"):
        for stream in (lesson.body_en, lesson.body_fr):
            for quiz_id in _stream_quiz_ids(stream):
                if quiz_id not in embedded:
                    embedded.append(quiz_id)
    quizzes = list(
        Quiz.objects.filter(Q(course_id=cohort.course_id) | Q(pk__in=embedded), anonymous=False)
        .exclude(kind=QuizKind.EVALUATION_SURVEY)
        .order_by("kind", "title")
    )
    linked = [quiz for quiz in quizzes if quiz.course_id == cohort.course_id]
    by_id = {quiz.pk: quiz for quiz in quizzes if quiz.course_id != cohort.course_id}
    return linked + [by_id[pk] for pk in embedded if pk in by_id]


def _stream_quiz_ids(stream):
    """The quizzes a lesson stream's quiz blocks show, from its raw data: no quiz is loaded.
    (An H5P block's "record results as" quiz has the activity's own column already.)"""
    for item in stream.raw_data if stream else ():
        if isinstance(item, dict) and item.get("type") == "quiz":
            value = item.get("value")
            quiz_id = value.get("quiz") if isinstance(value, dict) else None
            if isinstance(quiz_id, int):
                yield quiz_id


def cohort_h5p_activities(*, cohort):
    """The H5P activities of the course's lessons (content.selectors.LessonH5PActivity)."""
    return course_h5p_activities(course=cohort.course)


def _activity_results(*, activities, enrolments):
    """{user id: [ActivityResult or None per activity]} in one query."""
    if not activities:
        return {}
    best = best_results(
        user_ids=[enrolment.user_id for enrolment in enrolments],
        package_ids=[activity.package_id for activity in activities],
    )
    return {
        enrolment.user_id: [
            best.get((enrolment.user_id, activity.package_id)) for activity in activities
        ]
        for enrolment in enrolments
    }


def _scores(*, quizzes, enrolments):
    """{user id: [percent or None per quiz]} in one query, by each quiz's grading policy."""
    if not quizzes:
        return {}
    attempts = {}
    for attempt in Attempt.objects.filter(
        quiz__in=quizzes,
        user_id__in=[enrolment.user_id for enrolment in enrolments],
        submitted_at__isnull=False,
    ).only("pk", "quiz_id", "user_id", "percent", "passed", "submitted_at"):
        attempts.setdefault((attempt.user_id, attempt.quiz_id), []).append(attempt)
    scores = {}
    for enrolment in enrolments:
        row = []
        for quiz in quizzes:
            counted = counted_attempt(
                attempts.get((enrolment.user_id, quiz.pk), []), quiz.grading_policy
            )
            row.append(counted.percent if counted else None)
        scores[enrolment.user_id] = row
    return scores


def cohort_progress(*, cohort, quizzes=None, activities=None):
    """Everyone who joined `cohort`, by name, with lessons done out of the course's live lessons.

    Three queries: enrolments (with user and profile), the course's lessons, and one aggregate
    of lesson progress; one more for the `quizzes`' scores and one for the H5P `activities`'
    results (cohort_quizzes(), cohort_h5p_activities()) when there are any. `cohort.course`
    should be loaded with the cohort (select_related).
    """
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("user", "user__profile")
        .order_by("user__last_name", "user__first_name", "user__email", "pk")
    )
    if not enrolments:
        return []
    course = cohort.course
    lessons = lessons_by_course([course]).get(course.pk, [])
    lesson_ids = [lesson.pk for lesson in lessons]
    done_ids = {}
    if lesson_ids:
        # Only live lessons count, so "done" never exceeds "total" after a lesson is unpublished.
        for enrolment_id, lesson_id in LessonProgress.objects.filter(
            enrolment__cohort=cohort, lesson_id__in=lesson_ids
        ).values_list("enrolment_id", "lesson_id"):
            done_ids.setdefault(enrolment_id, set()).add(lesson_id)
    scores = _scores(quizzes=quizzes or [], enrolments=enrolments)
    results = _activity_results(activities=activities or [], enrolments=enrolments)
    rows = []
    for enrolment in enrolments:
        done = done_ids.get(enrolment.pk, set())
        counted = len(_counted(lessons, enrolment=enrolment, done=done))
        rows.append(
            LearnerProgress(
                enrolment=enrolment,
                lessons_done=len(done),
                lessons_total=counted,
                scores=scores.get(enrolment.user_id, []),
                activity_results=results.get(enrolment.user_id, []),
                lessons_new=len(lessons) - counted,
            )
        )
    return rows


def _counted(lessons, *, enrolment, done):
    """The lessons that count for this learner: as on My learning (CourseProgress), those
    published after they completed the course and not done since are not owed."""
    completed_at = enrolment.completed_at
    if completed_at is None:
        return lessons
    return [
        lesson
        for lesson in lessons
        if lesson.pk in done
        or lesson.first_published_at is None
        or lesson.first_published_at <= completed_at
    ]
