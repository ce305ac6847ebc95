"""Refused H5P results in the Wagtail admin, under Snippets: statements the xAPI endpoint
refused for their score (content/h5p/results.py), read-only.

Trainers (who manage packages: ``change_h5ppackage``) see who sent each one, to follow up a
forged score; program leads see the same list without any learner's name.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from .models import H5PRefusedStatement
from .results import REVIEWED

NAME_FIELDS = {"user"}


def shows_names(user):
    return user.has_perm("content.change_h5ppackage")


class RefusedStatementPermissionPolicy(ModelPermissionPolicy):
    """Viewing only, even for superusers: the rows record what a browser sent."""

    def user_has_permission(self, user, action):
        if action not in ("view",):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def reason(refused):
    message = REVIEWED.get(refused.code)
    return str(message) if message is not None else refused.code


def learner(refused):
    user = refused.user
    return user.get_full_name() or user.email


class RefusedStatementIndexView(IndexView):
    page_title = _("Refused H5P results")

    @cached_property
    def columns(self):
        columns = super().columns
        if shows_names(self.request.user):
            return columns
        return [column for column in columns if column.name not in NAME_FIELDS]


class RefusedStatementInspectView(InspectView):
    def get_fields(self):
        fields = super().get_fields()
        if shows_names(self.request.user):
            return fields
        return [name for name in fields if name not in NAME_FIELDS]


class RefusedStatementViewSet(SnippetViewSet):
    model = H5PRefusedStatement
    icon = "warning"
    menu_label = _("Refused H5P results")
    menu_name = "h5p-refused"
    add_to_admin_menu = False
    index_view_class = RefusedStatementIndexView
    inspect_view_class = RefusedStatementInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        DateColumn("created_at", label=_("Refused"), sort_key="created_at"),
        "package",
        Column("user", label=_("Learner"), accessor=learner),
        Column("code", label=_("Reason"), accessor=reason),
        Column("raw", label=_("Score sent")),
        Column("max", label=_("Maximum sent")),
        Column("expected_max", label=_("Expected maximum")),
    ]
    list_filter = ["package"]
    search_backend_name = None
    inspect_view_fields = [
        "created_at",
        "package",
        "lesson",
        "user",
        "code",
        "raw",
        "max",
        "expected_max",
        "statement",
    ]
