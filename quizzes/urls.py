from django.urls import path, register_converter

from . import views


class AttemptIdConverter:
    """`<attempt:name>`: an attempt's id, negative for anonymous responses
    (quizzes/services/anonymity.py); too long a number does not match (404)."""

    regex = "-?[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(AttemptIdConverter, "attempt")

urlpatterns = [
    path("attempts/<attempt:attempt_id>/", views.attempt_page, name="quiz_attempt"),
    path("attempts/<attempt:attempt_id>/result/", views.attempt_result, name="quiz_result"),
    path("<slug:slug>/", views.quiz_detail, name="quiz_detail"),
    path("<slug:slug>/start/", views.quiz_start, name="quiz_start"),
]
