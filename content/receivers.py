"""What content does when Wagtail or Django says a page changed (connected in content/apps.py).

Only the course outline's version moves here (content/outline.py); writes are content.services'.
"""

from wagtail.models import Page

from .models import LessonPage
from .services import lessons_changed_under


def _is_lesson(instance):
    # Saved as a plain Page too (some Wagtail actions do): the content type says what it is.
    return isinstance(instance, Page) and instance.specific_class is LessonPage


def page_saved_or_deleted(sender, instance, **kwargs):
    if _is_lesson(instance) and instance.path:
        lessons_changed_under(parent_path=instance.path[: -Page.steplen])


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if _is_lesson(instance):
        # Out of one course and into another, or to another place in the same one.
        for path in {parent_page_before.path, parent_page_after.path}:
            lessons_changed_under(parent_path=path)
