from django.urls import path

from learning.progress.views_certificates import verify, verify_index

urlpatterns = [
    path("", verify_index, name="verify_index"),
    path("<str:code>/", verify, name="verify_certificate"),
]
