from django.urls import path

from learning.progress.views_certificates import certificate_pdf

urlpatterns = [
    path("<str:code>.pdf", certificate_pdf, name="certificate_pdf"),
]
