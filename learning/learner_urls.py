from django.urls import include, path

import learning.inputs  # noqa: F401 - registers the <id:…> path converter
from learning.notifications import views as notification_views
from learning.people import views as people_views
from learning.progress import views as progress_views

urlpatterns = [
    path("", progress_views.my_learning, name="my_learning"),
    path("enrol/<id:course_id>/", people_views.enrol, name="enrol"),
    path(
        "lessons/<id:lesson_id>/complete/",
        progress_views.complete_lesson,
        name="lesson_complete",
    ),
    path("profile/", people_views.profile, name="profile"),
    path("join/", people_views.join_cohort, name="join_cohort"),
    path("join/<str:code>/", people_views.join_link, name="join_link"),
    path(
        "sessions/<id:cohort_id>/calendar.ics",
        people_views.session_calendar,
        name="session_calendar",
    ),
    path("reminders/off/<str:token>/", notification_views.reminders_off, name="reminders_off"),
    path("certificates/", include("learning.certificate_urls")),
    path("privacy/", include("learning.privacy_urls")),
    path("h5p/", include("content.h5p.urls")),
    path("h5p/<id:package_id>/xapi/", progress_views.h5p_xapi, name="h5p_xapi"),
]
