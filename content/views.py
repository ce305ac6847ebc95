from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .selectors import missing_french_translations, search_lessons


class MissingFrenchReportView(ReportView):
    """Pages and snippets whose French is empty or still the English, for trainers to finish."""

    page_title = _("Missing French")
    header_icon = "globe"
    index_url_name = "missing_french_report"
    index_results_url_name = "missing_french_report_results"
    # Whoever may edit pages may see what is left to translate.
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    list_export = ["title", "kind", "fields_display"]
    export_headings = {
        "title": _("Title"),
        "kind": _("Type"),
        "fields_display": _("Fields without French"),
    }
    no_results_message = _("Every page and snippet has its French. Well done.")

    @property
    def columns(self):
        finder = AdminURLFinder(self.request.user)
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                get_url=lambda row: finder.get_edit_url(row.instance),
            ),
            Column("kind", label=_("Type")),
            Column("fields_display", label=_("Fields without French")),
        ]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        return missing_french_translations()


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_lessons(query=query) if query else []
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(request, "content/search.html", {"query": query, "results": page})
