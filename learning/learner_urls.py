from django.urls import include, path

from .views import learner

urlpatterns = [
    path("", learner.my_learning, name="my_learning"),
    path("enrol/<int:course_id>/", learner.enrol, name="enrol"),
    path("lessons/<int:lesson_id>/complete/", learner.complete_lesson, name="lesson_complete"),
    path("profile/", learner.profile, name="profile"),
    path("join/", learner.join_cohort, name="join_cohort"),
    path("join/<str:code>/", learner.join_link, name="join_link"),
    path("certificates/", include("learning.certificate_urls")),
    path("privacy/", include("learning.privacy_urls")),
    path("h5p/", include("content.h5p.urls")),
]
