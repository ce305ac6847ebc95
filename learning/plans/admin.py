"""The action plan's task list in the admin (issue 18): trainers edit it in both languages,
side by side as the pages are (content/admin_bilingual.py); program leads read it.

Plans themselves have no admin view at all: their content is the members' (README, "The
Collaborative Action Plan").
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from content.admin_bilingual import BilingualPanel

from .models import PlanTask


def _in_plans_message(tasks):
    return gettext(
        "%(tasks)s: in plans already started, so not deleted. Untick “in new plans” to leave "
        "a task out of new plans."
    ) % {"tasks": "; ".join(str(task) for task in tasks)}


class PlanTaskDeleteView(DeleteView):
    """A task already in plans stays (their rows refer to it): it can leave new plans."""

    def form_valid(self, form):
        if self.object.items.exists():
            messages.error(self.request, _in_plans_message([self.object]))
            return redirect(self.get_success_url())
        return super().form_valid(form)


@hooks.register("before_bulk_action")
def refuse_deleting_tasks_in_plans(request, action_type, objects, action_class_instance):
    # The same refusal for the listing's bulk delete: nothing is deleted if one task is used.
    if action_type != "delete" or not objects or not isinstance(objects[0], PlanTask):
        return None
    used = [task for task in objects if task.items.exists()]
    if not used:
        return None
    messages.error(request, _in_plans_message(used))
    return redirect(action_class_instance.next_url)


class PlanTaskViewSet(SnippetViewSet):
    model = PlanTask
    delete_view_class = PlanTaskDeleteView
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
