"""The action plan's task list in the admin (issue 18): trainers edit it in both languages,
side by side as the pages are (content/admin_bilingual.py); program leads read it.

Plans themselves have no admin view at all: their content is the members' (README, "The
Collaborative Action Plan").
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from content.admin_bilingual import BilingualPanel

from .models import PlanTask


class PlanTaskViewSet(SnippetViewSet):
    model = PlanTask
    icon = "list-ul"
    menu_label = _("Action plan tasks")
    add_to_admin_menu = True
    # Read-only page for program leads, who have "view" only.
    inspect_view_enabled = True
    list_display = ["title", "expected_owner", "default_phase", "sort_order", "active"]
    list_filter = ["expected_owner", "default_phase", "active"]
    ordering = ["sort_order", "pk"]
    # Database search over both languages.
    search_backend_name = None
    search_fields = ["title_en", "title_fr"]
    edit_handler = ObjectList(
        [
            BilingualPanel([FieldPanel("title_en"), FieldPanel("title_fr")]),
            BilingualPanel([FieldPanel("guidance_en"), FieldPanel("guidance_fr")]),
            FieldRowPanel([FieldPanel("expected_owner"), FieldPanel("default_phase")]),
            FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
        ]
    )
