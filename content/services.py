"""Writes for the content app."""

import uuid

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page

from .models import CourseOutlineVersion, CoursePage


def _without_ids(data):
    """Stream data without the block ids Wagtail adds on save, and ListBlock items unwrapped."""
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        if set(data) <= {"type", "value", "id"} and data.get("type") == "item":
            return _without_ids(data["value"])
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    return data


def _comparable(field, value):
    if isinstance(field, StreamField):
        block = field.stream_block
        if not hasattr(value, "raw_data"):
            value = block.to_python(value)
        return _without_ids(block.get_prep_value(value))
    return value


@transaction.atomic
def page_upsert(*, parent, model, slug_en, fields, user=None):
    """Create `model` under `parent`, or update the child with that English slug, and publish.

    `fields` holds model field values; translated fields are passed per language (`title_en`,
    `title_fr`, ...) because a plain `title=` would only write the active language.
    A page whose fields are unchanged is left alone, so running twice changes nothing.
    """
    page = model.objects.child_of(parent).filter(slug_en=slug_en).first()
    if page is None:
        page = model(slug_en=slug_en, **fields)
        page.slug = slug_en
        page.title = fields.get("title_en", "")
        parent.add_child(instance=page)
        page.save_revision(user=user).publish(user=user)
        return page, True
    changed = False
    for name, value in fields.items():
        field = page._meta.get_field(name)
        if _comparable(field, getattr(page, name)) != _comparable(field, value):
            setattr(page, name, value)
            changed = True
    if changed or not page.live:
        page.save_revision(user=user).publish(user=user)
    return page, False


def move_site_root(*, site, page):
    """Point `site` at `page` and remove Wagtail's placeholder welcome page if it was the root."""
    old_root = site.root_page.specific
    if old_root.pk == page.pk:
        return
    site.root_page = page
    site.save()
    if type(old_root) is Page and not old_root.get_children().exists():
        old_root.delete()


def course_outline_changed(*, course_id):
    """A lesson under the course changed: each process's copy of its outline is now old."""
    CourseOutlineVersion.objects.update_or_create(
        course_id=course_id, defaults={"version": uuid.uuid4()}
    )


def lessons_changed_under(*, parent_path):
    """A lesson under the page at `parent_path` was created, saved, moved or deleted."""
    course_id = CoursePage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    if course_id is not None:
        course_outline_changed(course_id=course_id)
