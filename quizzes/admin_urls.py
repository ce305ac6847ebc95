"""Indicator exports and the funder report, under /admin/indicators/ (quizzes/wagtail_hooks.py).

Wagtail puts every admin URL behind its admin-access check; the views check
`quizzes.view_indicator` themselves (quizzes/views_exports.py).
"""

from django.urls import path

from . import views_exports

urlpatterns = [
    path("report/", views_exports.funder_report_view, name="indicator_funder_report"),
    path(
        "report/export.<str:format>",
        views_exports.funder_report_export,
        name="indicator_report_export",
    ),
    path(
        "<slug:code>/export.<str:format>",
        views_exports.indicator_export,
        name="indicator_export",
    ),
]
