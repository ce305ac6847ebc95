"""The page explorer shows each page's French state (issue 16): "French complete", or the
fields still without French, next to Wagtail's own live/draft status. Its bulk "Publish" leaves
pages with French missing to their editor, where publishing them asks first.

Wagtail 8 picks the explorer's listing view through its page viewset registry; the viewset
registered here for every page type (model `Page`) is Wagtail's own with one more column. The
states of a whole listing come from `french_states`: one query per page type on the screen.
"""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet

from .french_state import french_states, missing_french_fields


class FrenchStateColumn(Column):
    cell_template_name = "content/admin/french_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        missing = getattr(instance, "missing_french", None)
        context["checked"] = missing is not None
        context["missing"] = missing or []
        if missing:
            context["missing_label"] = ngettext(
                "French missing: %(count)s field",
                "French missing: %(count)s fields",
                len(missing),
            ) % {"count": len(missing)}
            context["missing_names"] = ", ".join(str(item.label) for item in missing)
        return context


FRENCH_COLUMN = FrenchStateColumn("french_state", label=_("French"), width="16%")


def _with_french_column(columns):
    # After Wagtail's live/draft status, before the "navigate to children" arrow.
    columns = list(columns)
    names = [column.name for column in columns]
    position = names.index("status") + 1 if "status" in names else len(columns)
    return [*columns[:position], FRENCH_COLUMN, *columns[position:]]


class FrenchStateIndexView(ExplorableIndexView):
    base_columns = _with_french_column(ExplorableIndexView.base_columns)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = list(context["object_list"])
        states = french_states(pages)
        for page in pages:
            # Page types without translated fields have no state: their cell stays empty.
            page.missing_french = states.get(page.pk)
        return context


class FrenchStatePageViewSet(PageViewSet):
    index_view_class = FrenchStateIndexView


@hooks.register("register_admin_viewset")
def register_french_state_page_viewset():
    # Registered for `Page` after Wagtail's default (order -1): the explorer of every page,
    # whatever its type, lists its children with their French state.
    return FrenchStatePageViewSet()


@hooks.register("insert_global_admin_css")
def french_state_css():
    # Listings are rendered by Wagtail's views: their columns cannot add media of their own.
    return format_html(
        '<link rel="stylesheet" href="{}">', static("content/admin/french_state.css")
    )


def _unconfirmed_pages(pages, include_descendants):
    """(page, missing) for each page bulk publishing would publish with French missing: the
    latest revision is what gets published, so that is what is checked."""
    found = []
    for page in pages:
        candidates = [page]
        if include_descendants:
            candidates += list(page.get_descendants().not_live().specific())
        for candidate in candidates:
            missing = missing_french_fields(candidate.specific.get_latest_revision_as_object())
            if missing:
                found.append((candidate, missing))
    return found


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_french(request, action_type, objects, action_class_instance):
    # The editor's confirmation (content/admin_bilingual.py) has no place in a bulk action:
    # publishing any selected page with French missing is refused here, on the server, and
    # the trainer publishes those pages from their editor, where they can confirm.
    if action_type != "publish":
        return None
    include_descendants = bool(request.POST.get("include_descendants"))
    unconfirmed = _unconfirmed_pages(objects, include_descendants)
    if not unconfirmed:
        return None
    pages = "; ".join(
        f"{page.get_admin_display_title()} ({', '.join(str(item.label) for item in missing)})"
        for page, missing in unconfirmed
    )
    messages.error(
        request,
        gettext(
            "Nothing was published: French is missing in %(pages)s. Publish these pages from "
            "their editor to confirm publishing them without French."
        )
        % {"pages": pages},
    )
    return redirect(action_class_instance.next_url)
