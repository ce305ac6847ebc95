"""The plan's pages (issue 18): the worksheet and its autosave, and what surrounds it."""

from .sharing import (
    plan_history_view,
    plan_invite,
    plan_join,
    plan_leave_view,
    plan_pdf,
    plan_share,
    plan_trainer,
)
from .worksheet import plan_detail, plan_item, plan_list

__all__ = [
    "plan_detail",
    "plan_history_view",
    "plan_invite",
    "plan_item",
    "plan_join",
    "plan_leave_view",
    "plan_list",
    "plan_pdf",
    "plan_share",
    "plan_trainer",
]
