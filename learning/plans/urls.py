"""The plan's addresses, under /<lang>/plans/ (learning/urls.py)."""

from django.urls import path

import learning.inputs  # noqa: F401 - registers the <id:…> path converter

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("trainer/", views.plan_trainer, name="trainer"),
    path("join/<str:token>/", views.plan_join, name="join"),
    path("<id:pk>/", views.plan_detail, name="detail"),
    path("<id:pk>/items/<id:item_pk>/", views.plan_item, name="item"),
    path("<id:pk>/invite/", views.plan_invite, name="invite"),
    path("<id:pk>/history/", views.plan_history_view, name="history"),
    path("<id:pk>/share/", views.plan_share, name="share"),
    path("<id:pk>/leave/", views.plan_leave_view, name="leave"),
    path("<id:pk>/plan.pdf", views.plan_pdf, name="pdf"),
]
