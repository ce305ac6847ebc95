"""The plan's task list, seeded from the courses' role-division tables (issue 18).

Every live lesson's "who does what" tables (content.blocks.RoleDivisionTableBlock) list tasks
with their owner; the English and French bodies carry the same tables in the same order, so
row n of a table in one is row n of the same table in the other. A task already in the list
(same English title) is left as trainers edited it.
"""

from django.db import transaction
from django.db.models import Max

from content.models import LessonPage

from .models import PlanOwner, PlanTask

# content.blocks.Responsibility → who owns the task in a plan.
OWNERS = {
    "sponsor": PlanOwner.SPONSOR_GROUP,
    "settlement_worker": PlanOwner.SETTLEMENT_WORKER,
    "shared": PlanOwner.SHARED,
}


def _tables(body):
    return [block.value for block in body or [] if block.block_type == "role_table"]


def role_table_rows(course=None):
    """(English row, French row or None) for every row of the live lessons' role tables (of
    one course's lessons when given)."""
    lessons = LessonPage.objects.live().order_by("path")
    if course is not None:
        lessons = lessons.descendant_of(course)
    rows = []
    for lesson in lessons:
        english, french = _tables(lesson.body_en), _tables(lesson.body_fr)
        for index, table in enumerate(english):
            french_rows = list(french[index]["rows"]) if index < len(french) else []
            for position, row in enumerate(table["rows"]):
                rows.append((row, french_rows[position] if position < len(french_rows) else None))
    return rows


@transaction.atomic
def plan_tasks_from_courses(*, course=None):
    """Add the role tables' tasks missing from the list (from one course's when given);
    returns the tasks added."""
    known = {title.casefold() for title in PlanTask.objects.values_list("title_en", flat=True)}
    order = PlanTask.objects.aggregate(last=Max("sort_order"))["last"] or 0
    added = []
    for english, french in role_table_rows(course):
        title = (english["task"] or "").strip()
        if not title or title.casefold() in known:
            continue
        known.add(title.casefold())
        order += 10
        added.append(
            PlanTask.objects.create(
                title_en=title,
                title_fr=(french["task"].strip() if french else "") or None,
                guidance_en=(english["note"] or "").strip(),
                guidance_fr=(french["note"] or "").strip() if french else "",
                expected_owner=OWNERS.get(english["responsibility"], ""),
                sort_order=order,
            )
        )
    return added
