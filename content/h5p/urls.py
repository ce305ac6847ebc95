"""H5P endpoints for learners, under /<lang>/learning/h5p/ (learning/learner_urls.py), and the
package files, under /h5p-content/ outside the language prefix (learning/urls.py). The xAPI
endpoint beside them is learning.progress's (learning/learner_urls.py)."""

from django.urls import path

import learning.inputs  # noqa: F401 - registers the <id:…> path converter

from . import views

urlpatterns = [
    path("<id:package_id>/state/", views.h5p_state, name="h5p_state"),
]

content_urlpatterns = [
    path("<str:key>/<path:path>", views.h5p_content, name="h5p_content"),
]
