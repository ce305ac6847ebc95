from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

# The explorer's French state column registers its page viewset there (issue 16).
from . import admin_explorer  # noqa: F401
from .h5p.models import H5PPackage, H5PRefusedStatement
from .h5p.views_admin import H5PPackagePermissionPolicy, H5PPackageViewSet
from .h5p.views_refused import RefusedStatementPermissionPolicy, RefusedStatementViewSet
from .views_missing_french import (
    FrenchExemptionsView,
    MissingFrenchReportView,
    exempt,
    unexempt,
)

# H5P packages: an item of the sidebar of their own; "add" is the upload_h5ppackage permission.
register_permission_policy(H5PPackage, H5PPackagePermissionPolicy(H5PPackage))
register_snippet(H5PPackageViewSet)
# Statements refused for their score: trainers review them (content/h5p/views_refused.py).
register_permission_policy(
    H5PRefusedStatement, RefusedStatementPermissionPolicy(H5PRefusedStatement)
)
register_snippet(RefusedStatementViewSet)


@hooks.register("register_admin_urls")
def register_missing_french_report_urls():
    return [
        path(
            "reports/missing-french/",
            MissingFrenchReportView.as_view(),
            name="missing_french_report",
        ),
        path(
            "reports/missing-french/results/",
            MissingFrenchReportView.as_view(results_only=True),
            name="missing_french_report_results",
        ),
        path("reports/missing-french/exempt/", exempt, name="missing_french_exempt"),
        path(
            "reports/missing-french/same-on-purpose/",
            FrenchExemptionsView.as_view(),
            name="missing_french_exemptions",
        ),
        path(
            "reports/missing-french/same-on-purpose/results/",
            FrenchExemptionsView.as_view(results_only=True),
            name="missing_french_exemptions_results",
        ),
        path(
            "reports/missing-french/same-on-purpose/<int:pk>/undo/",
            unexempt,
            name="missing_french_unexempt",
        ),
    ]


class MissingFrenchMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_missing_french_report_menu_item():
    return MissingFrenchMenuItem(
        _("Missing French"),
        reverse("missing_french_report"),
        name="missing-french",
        icon_name="globe",
        order=650,
    )
