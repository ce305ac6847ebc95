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
        from wagtail.models import Site

        routing.install_site_lookup(Site._find_for_request)
        routing.install_route_for_request(Page.route_for_request)

        # Any change to a lesson gives its course's outline a new version (content/outline.py).
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import post_page_move

        from content import receivers

        post_save.connect(receivers.page_saved_or_deleted, dispatch_uid="content-lesson-saved")
        post_delete.connect(receivers.page_saved_or_deleted, dispatch_uid="content-lesson-deleted")
        post_page_move.connect(receivers.page_moved, dispatch_uid="content-lesson-moved")
