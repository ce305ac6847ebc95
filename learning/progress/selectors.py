"""Reads for progress: a learner's courses, lessons done, tests and surveys, in a constant
number of queries whatever their history."""

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.h5p.selectors import ActivityResult, activity_results
from content.models import LessonPage, course_outline, outline_version_subquery
from learning.people.models import Enrolment
from quizzes.selectors import grades_for_courses

from .models import LessonProgress
from .path import course_path


@dataclass(frozen=True)
class LessonActivity:
    """An H5P activity of one of the course's lessons and the learner's best result in it."""

    lesson_title: str
    lesson_url: str
    result: ActivityResult

    @property
    def title(self):
        return self.result.title

    @property
    def result_text(self):
        """ "4 of 5", or "not tried"."""
        return self.result.score if self.result.tried else _("not tried")


@dataclass
class CourseProgress:
    enrolment: Enrolment
    course: Page
    lessons: list = field(default_factory=list)
    completed_lesson_ids: set = field(default_factory=set)
    # Pre-test, post-test and survey standings (quizzes.selectors.Grade), in kind order; None
    # until the path needs them (the lesson page never does).
    grades: list | None = None
    user: object = None
    # The H5P activities of the lessons, each with the learner's result (LessonActivity), in
    # lesson order; None where the page does not show them (My learning does).
    activities: list | None = None

    @property
    def path(self):
        """The checklist and the next step (learning/progress/path.py)."""
        if "_path" not in self.__dict__:
            if self.grades is None:
                self.grades = grades_for_courses(user=self.user, course_ids=[self.course.pk]).get(
                    self.course.pk, []
                )
            self.__dict__["_path"] = course_path(self)
        return self.__dict__["_path"]

    # The rule when a course changes after a learner finished it (issue 14, README "Catalogue
    # and enrolment"): the course stays completed and the certificate stands. Lessons first
    # published after the completion are "new since you finished": offered, not owed, and left
    # out of the lessons counted, so the bar never reads "2 of 3" beside "Completed".

    @property
    def new_lessons(self):
        """Lessons published after the learner completed the course, not done since."""
        completed_at = self.enrolment.completed_at
        if completed_at is None:
            return []
        return [
            lesson
            for lesson in self.lessons
            if lesson.first_published_at is not None
            and lesson.first_published_at > completed_at
            and lesson.pk not in self.completed_lesson_ids
        ]

    @property
    def counted_lessons(self):
        new = {lesson.pk for lesson in self.new_lessons}
        return [lesson for lesson in self.lessons if lesson.pk not in new]

    @property
    def total(self):
        return len(self.counted_lessons)

    @property
    def done(self):
        return sum(1 for lesson in self.counted_lessons if lesson.pk in self.completed_lesson_ids)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_lesson(self):
        """The first lesson not done: after completion, the first new one, if any."""
        return next(
            (lesson for lesson in self.lessons if lesson.pk not in self.completed_lesson_ids),
            None,
        )

    @property
    def is_complete(self):
        return self.enrolment.completed_at is not None

    @property
    def certificate(self):
        return getattr(self.enrolment, "certificate", None)

    def lesson_done(self, lesson):
        return lesson.pk in self.completed_lesson_ids


def lessons_by_course(courses):
    """Live lessons of every course in one query, in course order."""
    if not courses:
        return {}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_course = {course.pk: [] for course in courses}
    paths = {course.path: course.pk for course in courses}
    step = Page.steplen
    # The outline needs titles and addresses, not bodies: their StreamFields stay unloaded.
    lessons = LessonPage.objects.live().filter(condition).defer_streamfields().order_by("path")
    for lesson in lessons:
        by_course[paths[lesson.path[:-step]]].append(lesson)
    return by_course


def _progress_for(enrolments, *, user=None, with_grades=True, lessons=None):
    enrolments = list(enrolments)
    if lessons is None:
        lessons = lessons_by_course([enrolment.course for enrolment in enrolments])
    grades = (
        grades_for_courses(user=user, course_ids=[e.course_id for e in enrolments])
        if with_grades and user is not None and enrolments
        else {}
    )
    done = {}
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "lesson_id"):
        done.setdefault(enrolment_id, set()).add(lesson_id)
    return [
        CourseProgress(
            enrolment=enrolment,
            course=enrolment.course,
            lessons=lessons.get(enrolment.course.pk, []),
            completed_lesson_ids=done.get(enrolment.pk, set()),
            grades=grades.get(enrolment.course_id, []),
            user=user,
        )
        for enrolment in enrolments
    ]


def my_learning(*, user, request=None):
    """Every course the learner is enrolled in, with progress and standings. The lessons come
    from this process's copy of each course's outline, at the version read with the
    enrolments (content/outline.py; issue 11): no query for them, whatever the courses' size."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "cohort", "certificate")
        # Each session's schedule (issue 15): one query, none when no session was joined.
        .prefetch_related("cohort__meetings")
        .annotate(course_outline_version=outline_version_subquery("course_id"))
        .order_by("completed_at", "-enrolled_at")
    )
    language = get_language()
    lessons = {}
    for enrolment in enrolments:
        course = enrolment.course
        course.outline_version_key = enrolment.course_outline_version
        outline = course_outline(
            course=course, course_url=course.get_url(request), language=language
        )
        lessons[course.pk] = outline.entries
    progress_list = _progress_for(enrolments, user=user, lessons=lessons)
    _add_activities(progress_list, user=user)
    return progress_list


def _add_activities(progress_list, *, user):
    """Each course's H5P activities with the learner's best result: the outline says which
    packages each lesson shows, one query reads them all with the results (none without any)."""
    ids = [
        pk
        for progress in progress_list
        for lesson in progress.lessons
        for pk in getattr(lesson, "h5p_package_ids", ())
    ]
    results = activity_results(user=user, package_ids=ids)
    for progress in progress_list:
        progress.activities = [
            LessonActivity(
                lesson_title=lesson.title,
                lesson_url=lesson.outline_url,
                result=results[package_id],
            )
            for lesson in progress.lessons
            for package_id in getattr(lesson, "h5p_package_ids", ())
            if package_id in results
        ]


def course_progress(*, user, course, lessons=None):
    """The learner's progress in one course, for its pages (content.extensions.course_progress):
    lessons and what is done. Test and survey standings are My learning's (`my_learning`); the
    course and lesson pages never show them, so they are not computed here (issue 11).

    The enrolment and the lessons done come in one query (a row per lesson done); `lessons`, when
    the page has them already (the lesson page's outline), are not read again.
    """
    if not user.is_authenticated:
        return None
    rows = list(
        Enrolment.objects.filter(user=user, course_id=course.pk)
        .select_related("cohort", "certificate")
        .annotate(done_lesson_id=F("lesson_progress__lesson_id"))
    )
    if not rows:
        return None
    enrolment = rows[0]
    if isinstance(course, Enrolment.course.field.related_model):
        enrolment.course = course  # the lesson page passes the course's plain Page row
    if lessons is None:
        lessons = lessons_by_course([course]).get(course.pk, [])
    return CourseProgress(
        enrolment=enrolment,
        course=course,
        lessons=list(lessons),
        completed_lesson_ids={row.done_lesson_id for row in rows if row.done_lesson_id},
        user=user,
    )


def _next_step_json(step):
    if step is None or not step.url:
        return None
    words = step.action
    if step.action_detail:
        words = _("%(action)s: %(detail)s") % {"action": step.action, "detail": step.action_detail}
    return {"url": step.url, "action": step.action, "detail": step.action_detail, "words": words}


def h5p_result_summary(*, user, package, lesson=None, lesson_completed=False, request=None):
    """What the lesson page shows once an H5P result is recorded, without a reload (the
    answer of learning.progress.views.h5p_xapi to content/static/content/h5p_player.js): the
    learner's best result in the activity and, when the result completed the lesson, the
    course's progress and the learner's next step (path.py), as a reload would show them."""
    result = activity_results(user=user, package_ids=[package.pk]).get(package.pk)
    summary = {
        "lessonCompleted": False,
        "result": result.as_json() if result is not None else None,
        "message": "",
        "progress": None,
        "nextStep": None,
    }
    if not lesson_completed or lesson is None:
        return summary
    course = lesson.get_parent().specific
    outline = course_outline(
        course=course, course_url=course.get_url(request), language=get_language()
    )
    progress = course_progress(user=user, course=course, lessons=outline.entries)
    if progress is None:
        return summary
    summary["lessonCompleted"] = True
    summary["message"] = (
        _("Lesson complete. You have finished the course!")
        if progress.is_complete
        else _("Lesson complete.")
    )
    summary["progress"] = {
        "done": progress.done,
        "total": progress.total,
        "percent": progress.percent,
        # As learning/includes/progress_bar.html says it.
        "text": ngettext(
            "%(counter)s of %(total)s lessons done (%(percent)s%%)",
            "%(counter)s of %(total)s lessons done (%(percent)s%%)",
            progress.done,
        )
        % {"counter": progress.done, "total": progress.total, "percent": progress.percent},
    }
    summary["nextStep"] = _next_step_json(progress.path.next_step)
    return summary


def next_step_for(*, user, course):
    """quizzes.extensions.next_step: (url, words) of the learner's next step, or None."""
    if not user.is_authenticated:
        return None
    outline = course_outline(course=course, course_url=course.get_url(), language=get_language())
    progress = course_progress(user=user, course=course, lessons=outline.entries)
    step = progress.path.next_step if progress is not None else None
    if step is None or not step.url:
        return None
    if step.action_detail:  # "Continue: Sponsor responsibilities", not a bare "Continue"
        words = _("%(action)s: %(detail)s") % {"action": step.action, "detail": step.action_detail}
        return step.url, words
    return step.url, step.action


def progress_for_enrolment(*, enrolment):
    """One enrolment's progress with its standings, for what is sent to the learner (emails,
    reminders): the learner's own view of the course, whoever asks."""
    return _progress_for([enrolment], user=enrolment.user)[0]
