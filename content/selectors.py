"""Reads for the content app: catalogue, lesson navigation, the translated models (what the
Missing French report walks: content/missing_french.py)."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from .h5p.models import H5PPackage
from .h5p.selectors import stream_package_ids
from .models import Audience, CoursePage, LessonPage

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "fr"
# Page fields whose French is generated or optional, never reported as missing.
UNREPORTED_FIELDS = {"url_path", "seo_title", "search_description"}


def course_catalogue(*, index=None, audience=None):
    """Live courses with their live lesson count, one query whatever the number of courses."""
    courses = CoursePage.objects.live().public()
    if index is not None:
        courses = courses.child_of(index)
    if audience and audience != Audience.EVERYONE:
        courses = courses.filter(Q(audience=audience) | Q(audience=Audience.EVERYONE))
    elif audience == Audience.EVERYONE:
        courses = courses.filter(audience=Audience.EVERYONE)
    live_lessons = (
        LessonPage.objects.live()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        courses.select_related("image")
        .annotate(lesson_count=Coalesce(Subquery(live_lessons), 0))
        .order_by("path")
    )


def course_lessons(*, course):
    # Titles and addresses for outlines and lists: the bodies' StreamFields stay unloaded.
    return list(LessonPage.objects.live().child_of(course).defer_streamfields().order_by("path"))


def lesson_navigation(*, lesson, course=None, lessons=None, course_url=None):
    """Previous/next and the outline; pass the course's lessons when already loaded.

    With `course_url` (the course's address in the active language) each lesson gets its
    `outline_url` by adding its slug, instead of a URL lookup per lesson: the outline of a
    200-lesson course then costs what a 10-lesson one does (issue 11).
    """
    course = course or lesson.get_parent().specific
    lessons = course_lessons(course=course) if lessons is None else lessons
    for item in lessons:
        # Outline entries (content/outline.py) come with their address, and are shared: only
        # pages loaded for this request get one here.
        if getattr(item, "outline_url", None) is None:
            item.outline_url = f"{course_url}{item.slug}/" if course_url else item.url
    ids = [item.pk for item in lessons]
    position = ids.index(lesson.pk) if lesson.pk in ids else None
    previous_lesson = next_lesson = None
    if position is not None:
        previous_lesson = lessons[position - 1] if position > 0 else None
        next_lesson = lessons[position + 1] if position + 1 < len(lessons) else None
    return {
        "course": course,
        "lessons": lessons,
        "lesson_number": (position + 1) if position is not None else None,
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
    }


def lesson_body(*, lesson, language):
    """The lesson's body in `language`, or the English body when that one is still empty.

    Returns (stream, language of the stream) so templates can mark the fallback with `lang`
    and tell the reader the lesson is not translated yet, instead of silently serving English.
    """
    stream = getattr(lesson, build_localized_fieldname("body", language), None)
    if stream:
        return stream, language
    return getattr(lesson, build_localized_fieldname("body", SOURCE_LANGUAGE)), SOURCE_LANGUAGE


@dataclass(frozen=True)
class LessonH5PActivity:
    """An H5P activity (a package) shown by one of a course's lessons."""

    lesson_id: int
    lesson_title: str
    package_id: int
    title: str


def course_h5p_activities(*, course):
    """Every H5P activity of the course's live lessons, in lesson order, each package once:
    those of the English stream, then those only the French one shows (each language can show
    its own package). Two queries, whatever the number of lessons and activities."""
    lessons = LessonPage.objects.live().child_of(course).order_by("path")
    found = []
    for lesson in lessons:
        for stream in (lesson.body_en, lesson.body_fr):
            found.extend((lesson, package_id) for package_id in stream_package_ids(stream))
    if not found:
        return []
    packages = H5PPackage.objects.filter(pk__in={pk for _lesson, pk in found})
    titles = {package.pk: package.title for package in packages}
    activities, seen = [], set()
    for lesson, package_id in found:
        if package_id in titles and package_id not in seen:
            seen.add(package_id)
            activities.append(
                LessonH5PActivity(
                    lesson_id=lesson.pk,
                    lesson_title=lesson.title,
                    package_id=package_id,
                    title=titles[package_id],
                )
            )
    return activities


def translatable_models():
    """Concrete models with translated fields, and the fields worth checking for French."""
    result = []
    for model in translator.get_registered_models(abstract=False):
        if model is Page or model._meta.proxy:
            continue
        fields = [
            name
            for name in translator.get_options_for_model(model).get_field_names()
            if name not in UNREPORTED_FIELDS
        ]
        if fields:
            result.append((model, fields))
    return sorted(result, key=lambda item: item[0]._meta.label)


def search_lessons(*, query):
    """Courses and lessons matching `query` in the active language's fields."""
    if query.count('"') % 2:
        # An unbalanced quote is a syntax error to SQLite's full-text search (a server error
        # for `?q="`, found by tests/test_bad_input.py); the words alone are what was meant.
        query = query.replace('"', " ")
    if not query.strip():
        return []
    return list(
        Page.objects.live()
        .public()
        .type(CoursePage, LessonPage)
        .specific()
        .search(query, operator="and")
    )
