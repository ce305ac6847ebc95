"""A learner's path through a course, as a checklist with one next step (issue 14).

The path is: the pre-test, offered before the first lesson (no pass mark: it is what the
post-test is compared with, so it is only offered until a lesson is done); the lessons; the
post-test and the evaluation survey, once the lessons are done; then the certificate. Which of
them the course requires is its completion rule (`CoursePage.completion_rule`); a test or survey
the course has but does not require is still offered, marked optional. Every page that shows
progress (the course page, My learning, the last lesson) takes its next step from here, so a
learner who finishes the lessons is always sent on to what remains, never to a dead end.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content.models import CompletionRule
from quizzes.models import QuizKind

# Seconds a learner takes per question, for "about N minutes" (the pilot's pre-test: 10
# questions in about 5 minutes).
SECONDS_PER_QUESTION = 30

DONE = "done"
IN_PROGRESS = "in_progress"
TO_DO = "to_do"
OPTIONAL = "optional"
NOT_OFFERED = "not_offered"
LOCKED = "locked"


@dataclass(frozen=True)
class Step:
    kind: str  # "pre_test", "lessons", "post_test", "survey" or "certificate"
    title: str
    state: str
    required: bool
    detail: str = ""
    url: str = ""
    action: str = ""  # the next-step button's words, when this is the next step
    action_detail: str = ""  # read after them by screen readers: which lesson
    # The lessons' H5P activities with the learner's results (selectors.LessonActivity), where
    # the page reads them (My learning); only the lessons step has any.
    activities: tuple = ()

    @property
    def is_done(self):
        return self.state == DONE

    @property
    def state_label(self):
        return {
            DONE: _("Done"),
            IN_PROGRESS: _("In progress"),
            TO_DO: _("To do"),
            OPTIONAL: _("Optional"),
            NOT_OFFERED: _("Offered only before the first lesson"),
            LOCKED: _("Not yet"),
        }[self.state]

    @property
    def is_link(self):
        return bool(self.url) and self.state not in (NOT_OFFERED, LOCKED)


@dataclass(frozen=True)
class CoursePath:
    steps: tuple
    next_step: Step | None

    @property
    def required_left(self):
        return [step for step in self.steps if step.required and not step.is_done]


def _minutes(quiz):
    count = getattr(quiz, "question_count", None) or 0
    return max(1, round(count * SECONDS_PER_QUESTION / 60)), count


def _quiz_detail(quiz, *, pass_mark):
    minutes, count = _minutes(quiz)
    questions = ngettext("%(count)s question", "%(count)s questions", count) % {"count": count}
    about = ngettext("about %(minutes)s minute", "about %(minutes)s minutes", minutes) % {
        "minutes": minutes
    }
    parts = [questions, about]
    if pass_mark:
        parts.append(_("pass mark %(percent)s%%") % {"percent": quiz.pass_mark})
    else:
        parts.append(_("no pass mark"))
    return ", ".join(parts)


def _standing(grade):
    """What the learner got, once submitted: "Your score: 85% (passed)" or "Submitted"."""
    if not grade.submitted:
        return ""
    if not grade.quiz.is_scored:
        return _("Submitted")
    percent = round(grade.counted.percent or 0)
    if not grade.quiz.has_pass_mark:  # the pre-test: a score, never a fail
        return _("Your score: %(percent)s%%") % {"percent": percent}
    if grade.passed:
        return _("Your score: %(percent)s%% (passed)") % {"percent": percent}
    return _("Your score: %(percent)s%% (not passed yet)") % {"percent": percent}


def _quiz_state(grade, *, need_pass):
    if grade.submitted and (grade.passed or not need_pass):
        return DONE
    if grade.open_attempt is not None or grade.submitted:
        return IN_PROGRESS
    return TO_DO


def _grade(progress, kind):
    return next((grade for grade in progress.grades if grade.quiz.kind == kind), None)


def course_path(progress):
    """The steps of `progress.course` for this learner (a CourseProgress with its grades)."""
    # The course page's own row, or the lesson page's plain row for the course (annotated).
    course = progress.course
    rule = (
        getattr(course, "completion_rule", None)
        or getattr(course, "course_completion_rule", None)
        or CompletionRule.ALL_LESSONS
    )
    needs_post_test = rule in (CompletionRule.POST_TEST_PASSED, CompletionRule.POST_TEST_AND_SURVEY)
    needs_survey = rule in (CompletionRule.SURVEY_SUBMITTED, CompletionRule.POST_TEST_AND_SURVEY)
    lessons_done = progress.total > 0 and progress.done >= progress.total
    started = progress.done > 0
    steps = []
    candidates = []

    pre_test = _grade(progress, QuizKind.PRE_TEST)
    if pre_test is not None:
        state = _quiz_state(pre_test, need_pass=False)
        if state == TO_DO:
            state = NOT_OFFERED if started or progress.is_complete else OPTIONAL
        step = Step(
            kind="pre_test",
            title=_("Before you start: the pre-test"),
            state=state,
            required=False,
            detail=_standing(pre_test) or _quiz_detail(pre_test.quiz, pass_mark=False),
            url=reverse("quiz_detail", args=[pre_test.quiz.slug]),
            action=_("Take the pre-test") if state == OPTIONAL else _("Finish the pre-test"),
        )
        steps.append(step)
        if state in (OPTIONAL, IN_PROGRESS):
            candidates.append(step)

    next_lesson = progress.next_lesson
    lessons = Step(
        kind="lessons",
        title=_("The lessons"),
        state=DONE if lessons_done else (IN_PROGRESS if started else TO_DO),
        required=True,
        # The progress bar above says how many are done; this says what comes next.
        detail=(
            _("Next: %(title)s") % {"title": next_lesson.title}
            if next_lesson is not None and not lessons_done
            else ""
        ),
        url=getattr(next_lesson, "outline_url", "") if next_lesson else "",
        action=_("Continue") if started else _("Start the first lesson"),
        action_detail=next_lesson.title if next_lesson is not None else "",
        activities=tuple(progress.activities or ()),
    )
    steps.append(lessons)
    if not lessons_done:
        candidates.append(lessons)

    for kind, grade, required, title in (
        ("post_test", _grade(progress, QuizKind.POST_TEST), needs_post_test, _("The post-test")),
        (
            "survey",
            _grade(progress, QuizKind.EVALUATION_SURVEY),
            needs_survey,
            _("The evaluation survey"),
        ),
    ):
        if grade is None:
            continue
        need_pass = kind == "post_test" and required
        state = _quiz_state(grade, need_pass=need_pass)
        step = Step(
            kind=kind,
            title=title,
            state=state,
            required=required,
            detail=_standing(grade) or _quiz_detail(grade.quiz, pass_mark=need_pass),
            url=reverse("quiz_detail", args=[grade.quiz.slug]),
            action=(_("Take the post-test") if kind == "post_test" else _("Answer the survey")),
        )
        steps.append(step)
        if state != DONE and lessons_done:
            candidates.append(step)

    certificate = progress.certificate
    steps.append(
        Step(
            kind="certificate",
            title=_("Your certificate"),
            state=DONE if certificate else LOCKED,
            required=True,
            detail=(
                _("Issued when every required step is done.")
                if certificate is None
                else _("Ready to download.")
            ),
            url=reverse("certificate_pdf", args=[certificate.code]) if certificate else "",
            action=_("Download my certificate (PDF)"),
        )
    )
    # Required steps first; an optional post-test or survey is offered once nothing required
    # is left, and the pre-test only before the first lesson.
    required_next = [step for step in candidates if step.required or step.kind == "pre_test"]
    next_step = (required_next or candidates or [None])[0]
    if next_step is None and certificate is not None:
        next_step = steps[-1]
    return CoursePath(steps=tuple(steps), next_step=next_step)
