from django.urls import path

import learning.inputs  # noqa: F401 - registers the <id:…> path converter

from . import views

urlpatterns = [
    path("attempts/<id:attempt_id>/", views.attempt_page, name="quiz_attempt"),
    path("attempts/<id:attempt_id>/result/", views.attempt_result, name="quiz_result"),
    path("<slug:slug>/", views.quiz_detail, name="quiz_detail"),
    path("<slug:slug>/start/", views.quiz_start, name="quiz_start"),
]
