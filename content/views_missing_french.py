"""Reports → Missing French (issue 16): each string with where it is and a link to it, a way to
mark it "same in both languages on purpose" (and undo that), and H5P activities placed in a
stream of the other language. Selection in content/missing_french.py."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .french_exemptions import FrenchExemption, english_key, exemption_create, exemption_delete
from .french_state import SOURCE_LANGUAGE
from .missing_french import misplaced_h5p_packages, missing_french_strings
from .selectors import translatable_models

# Whoever may edit pages may see what is left to translate, and decide what stays the same.
EDITING = ["add", "change", "publish"]


def may_edit_translations(user):
    return policy_registry.get_by_type(Page).user_has_any_permission(user, EDITING)


class TemplateColumn(Column):
    """A cell drawn by a template that may hold a form (it gets the CSRF token)."""

    def __init__(self, name, *, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context.get("request")
        context["csrf_token"] = get_token(request) if request is not None else None
        return context


class MissingFrenchReportView(ReportView):
    """Strings whose French is empty or still the English, for trainers to finish."""

    page_title = _("Missing French")
    header_icon = "globe"
    index_url_name = "missing_french_report"
    index_results_url_name = "missing_french_report_results"
    results_template_name = "content/admin/missing_french_results.html"
    any_permission_required = EDITING
    paginate_by = 100
    list_export = ["where", "field_label", "english_excerpt", "problem_display", "url"]
    export_headings = {
        "where": _("Where"),
        "field_label": _("Field"),
        "english_excerpt": _("English"),
        "problem_display": _("Problem"),
        "url": _("Link"),
    }
    no_results_message = _("Every page and snippet has its French. Well done.")

    @property
    def columns(self):
        return [
            TemplateColumn(
                "where",
                label=_("Where"),
                template="content/admin/missing_french_where_cell.html",
            ),
            Column("field_label", label=_("Field")),
            Column("english_excerpt", label=_("English")),
            Column("problem_display", label=_("Problem")),
            TemplateColumn(
                "actions",
                label=_("Same on purpose?"),
                template="content/admin/missing_french_action_cell.html",
            ),
        ]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        finder = AdminURLFinder(self.request.user)
        rows = missing_french_strings(url_for=finder.get_edit_url)
        if self.is_export:
            # A spreadsheet needs whole addresses to be followed from outside the admin.
            for row in rows:
                row.edit_url = self.request.build_absolute_uri(row.edit_url) if row.edit_url else ""
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        finder = AdminURLFinder(self.request.user)
        context["misplaced_packages"] = misplaced_h5p_packages(url_for=finder.get_edit_url)
        context["exemptions_url"] = reverse("missing_french_exemptions")
        context["exempt_url"] = reverse("missing_french_exempt")
        return context


class FrenchExemptionsView(ReportView):
    """The strings marked the same on purpose, each with a way to undo the mark."""

    page_title = _("Same in both languages on purpose")
    header_icon = "globe"
    index_url_name = "missing_french_exemptions"
    index_results_url_name = "missing_french_exemptions_results"
    any_permission_required = EDITING
    paginate_by = 100
    no_results_message = _("No string is marked the same in both languages.")

    @property
    def columns(self):
        return [
            TemplateColumn(
                "object",
                label=_("Where"),
                template="content/admin/french_exemption_object_cell.html",
            ),
            Column("field_label", label=_("Field")),
            Column("english_excerpt", label=_("English")),
            Column("created_by", label=_("Marked by")),
            DateColumn("created_at", label=_("Marked")),
            TemplateColumn(
                "actions",
                label=_("Undo"),
                template="content/admin/french_exemption_undo_cell.html",
            ),
        ]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        rows = list(FrenchExemption.objects.select_related("content_type", "created_by"))
        finder = AdminURLFinder(self.request.user)
        by_type = {}
        for row in rows:
            by_type.setdefault(row.content_type, []).append(row.object_id)
        found = {}
        for content_type, ids in by_type.items():
            model = content_type.model_class()
            if model is not None:
                found.update(
                    ((content_type.pk, str(pk)), obj)
                    for pk, obj in model._default_manager.in_bulk(ids).items()
                )
        for row in rows:
            row.object = found.get((row.content_type_id, row.object_id))
            row.field_label = _field_label(row.content_type.model_class(), row.field)
            row.edit_url = finder.get_edit_url(row.object) if row.object is not None else None
            row.undo_url = reverse("missing_french_unexempt", args=[row.pk])
        return rows


def _field_label(model, name):
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return name


def _back(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def _translated_fields(model):
    return next((fields for found, fields in translatable_models() if found is model), [])


@require_POST
def exempt(request):
    """Mark one string the same in both languages, if its English is still the one shown."""
    if not may_edit_translations(request.user):
        raise PermissionDenied
    try:
        content_type = ContentType.objects.get_for_id(int(request.POST.get("content_type", "")))
    except (ValueError, ContentType.DoesNotExist) as error:
        raise Http404 from error
    model = content_type.model_class()
    name = request.POST.get("field", "")
    if model is None or name not in _translated_fields(model):
        raise Http404
    obj = model._default_manager.filter(pk=request.POST.get("object_id", "")).first()
    if obj is None:
        raise Http404
    if isinstance(obj, Page) and obj.has_unpublished_changes:
        # The report shows a page as its latest draft has it.
        obj = obj.get_latest_revision_as_object()
    source_name = build_localized_fieldname(name, SOURCE_LANGUAGE)
    english = getattr(obj, source_name)
    report = reverse("missing_french_report")
    if english_key(english) != request.POST.get("english_hash"):
        messages.error(
            request, _("The English changed since the report was shown: look at it again.")
        )
        return _back(request, report)
    exemption = exemption_create(obj=obj, field=name, english_text=english, user=request.user)
    messages.success(
        request,
        _("“%(text)s” is marked the same in both languages.") % {"text": exemption.english_excerpt},
        buttons=[messages.button(reverse("missing_french_exemptions"), _("Undo"))],
    )
    return _back(request, report)


@require_POST
def unexempt(request, pk):
    """Undo a mark: the string is listed again while its French is the English."""
    if not may_edit_translations(request.user):
        raise PermissionDenied
    if not exemption_delete(exemption_id=pk):
        raise Http404
    messages.success(request, _("The string is listed as missing French again."))
    return _back(request, reverse("missing_french_exemptions"))
