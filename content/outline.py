"""A course's outline (its live lessons: titles, addresses, order) kept per process and version.

Every lesson page lists the whole course; rendering 200 entries from the database on every view
made a lesson's CPU grow with its course (issue 11). Each process keeps the outline of a course
per language, with each entry's HTML rendered once, keyed by the course's outline version
(`CourseOutlineVersion`): any change to a lesson under the course — created, published,
unpublished, moved, deleted, saved — is a new version (content/apps.py), so no reader sees an
outline older than the change. Entries are shared by every request: read-only.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override
from modeltranslation.settings import AVAILABLE_LANGUAGES

from learning.in_process import InProcessCache

from .h5p.selectors import stream_package_ids
from .models import CourseOutlineVersion, LessonPage

course_outlines = InProcessCache(max_entries=1000, seconds=3600)


@dataclass(frozen=True)
class OutlineEntry:
    pk: int
    title: str
    outline_url: str
    link_html: str  # <a href=…>title</a>
    current_html: str  # <span aria-current="page">title</span>
    summary: str = ""
    estimated_minutes: int = 0
    details_html: str = ""  # the course page's summary and time, after the link
    # When the lesson was first published: a lesson added after a learner finished the course
    # is "new since you finished" (learning/progress/selectors.py CourseProgress).
    first_published_at: object = None
    # The H5P packages the lesson's stream in this language shows (the English one while the
    # French is empty), in order: My learning lists each with the learner's result.
    h5p_package_ids: tuple = ()


@dataclass(frozen=True)
class CourseOutline:
    entries: tuple
    done_mark_html: str
    list_done_mark_html: str = ""

    def items_html(self, *, current_id, done_ids):
        """The outline's <li> items for one reader: what they have done, where they are."""
        done_mark = self.done_mark_html
        return mark_safe(  # noqa: S308 - every entry escaped when the outline was built
            "".join(
                "<li>"
                + (done_mark if entry.pk in done_ids else "")
                + (entry.current_html if entry.pk == current_id else entry.link_html)
                + "</li>"
                for entry in self.entries
            )
        )

    def list_items_html(self, *, done_ids):
        """The course page's list of lessons: each linked, marked when done, with its summary
        and time, rendered once per version and language (a 200-lesson course cost its page
        half again the CPU of a 10-lesson one; issue 11)."""
        done_mark = self.list_done_mark_html
        return mark_safe(  # noqa: S308 - every entry escaped when the outline was built
            "".join(
                "<li>"
                + entry.link_html
                + (done_mark if entry.pk in done_ids else "")
                + entry.details_html
                + "</li>"
                for entry in self.entries
            )
        )


def outline_version(course):
    """The course's outline version: annotated on its row by the course or lesson page's
    ancestors query (`lineage_annotations`) or My learning's enrolments, else read here."""
    if hasattr(course, "outline_version_key"):
        return course.outline_version_key
    try:
        version = course.outline_version
    except CourseOutlineVersion.DoesNotExist:
        return None
    return version.version


def course_outline(*, course, course_url, language):
    """The course's live lessons in order, in `language`, each with its address under
    `course_url` (the course's address in that language)."""
    key = (course.pk, outline_version(course), language, course_url)
    outline = course_outlines.get(key)
    if outline is None:
        outline = _build(course=course, course_url=course_url, language=language)
        course_outlines.set(key, outline)
    return outline


def _h5p_package_ids(*, course, language):
    """{lesson id: the H5P packages its stream in `language` shows}, read from the streams'
    raw data: one query, only when the outline is built."""
    names = ["body_en"]
    if language != "en" and language in AVAILABLE_LANGUAGES:
        names.insert(0, f"body_{language}")
    rows = LessonPage.objects.live().child_of(course).values_list("pk", *names)
    # The stream a reader of `language` sees (content.selectors.lesson_body): theirs, or the
    # English one while theirs is empty.
    return {pk: stream_package_ids(next((s for s in streams if s), None)) for pk, *streams in rows}


def _build(*, course, course_url, language):
    lessons = LessonPage.objects.live().child_of(course).defer_streamfields().order_by("path")
    activities = _h5p_package_ids(course=course, language=language)
    entries = []
    with override(language):
        for lesson in lessons:
            title, url = escape(lesson.title), f"{course_url}{lesson.slug}/"
            entries.append(
                OutlineEntry(
                    pk=lesson.pk,
                    title=lesson.title,
                    outline_url=url,
                    link_html=f'<a href="{escape(url)}">{title}</a>',
                    current_html=f'<span aria-current="page">{title}</span>',
                    summary=lesson.summary,
                    estimated_minutes=lesson.estimated_minutes,
                    details_html=_details_html(lesson),
                    first_published_at=lesson.first_published_at,
                    h5p_package_ids=activities.get(lesson.pk, ()),
                )
            )
        done_mark = (
            '<span class="done-mark" aria-hidden="true">✓ </span>'
            f'<span class="visually-hidden">{escape(gettext("(done)"))} </span>'
        )
        list_done_mark = (
            ' <span class="done-mark">✓ <span class="visually-hidden">'
            f"{escape(gettext('(done)'))}</span></span>"
        )
    return CourseOutline(
        entries=tuple(entries), done_mark_html=done_mark, list_done_mark_html=list_done_mark
    )


def _details_html(lesson):
    summary = f"<p>{escape(lesson.summary)}</p>" if lesson.summary else ""
    minutes = gettext("about %(minutes)s minutes") % {"minutes": lesson.estimated_minutes}
    return f'{summary}<p class="lesson-list__meta">{escape(minutes)}</p>'
