from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Course content")

    def ready(self):
        # After wagtail-modeltranslation has patched every page type's route (its app comes
        # first in INSTALLED_APPS): route in one lookup by translated path (content/routing.py).
        from wagtail.models import Page

        from content import routing
        from content.models import CourseIndexPage, CoursePage, HomePage, LessonPage

        pages = [HomePage, CourseIndexPage, CoursePage, LessonPage]
        routing.install_route(pages, fallback=HomePage.route)
        routing.install_site_root_paths([Page, *pages], original=Page._get_site_root_paths)
        routing.install_site_root_paths_clearing()
