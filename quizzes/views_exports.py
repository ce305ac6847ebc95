"""Indicator exports and the funder report, in the Wagtail admin.

    /admin/indicators/<code>/export.csv    machine CSV (quizzes.reports.exports.COLUMNS)
    /admin/indicators/<code>/export.xlsx   the same rows in Excel, with a "label" column
    /admin/indicators/report/              the funder report: a printable page (?format=pdf)
    /admin/indicators/report/export.xlsx   the report export, for people: labels, percentages,
    /admin/indicators/report/export.csv    every breakdown shown, the filters and definitions

URL names "indicator_export", "indicator_funder_report" and "indicator_report_export"
(quizzes/admin_urls.py, registered by quizzes/wagtail_hooks.py). All read the dashboard's
filters from the query string (quizzes.reports.filters.filters_from_query); a bad value is
refused with a 400 that says why. They ask for `quizzes.view_indicator`: learners, who have
no admin access, are sent to the admin login by Wagtail; admin users without the permission
get Wagtail's refusal.

The funder report and the report export are in the reader's language: `?lang=en|fr`, or else
the admin user's.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

from .models import Indicator
from .reports import indicator_report
from .reports.charts.figures import breakdown_chart, outcomes_chart, outputs_chart, trend_chart
from .reports.exports import funder_report, render_funder_pdf, write_csv, write_xlsx
from .reports.exports.reader import report_workbook, write_report_csv
from .reports.filters import filters_from_query, filters_to_query

PERMISSION = "quizzes.view_indicator"
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def indicator_permission_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return wrapped


def bad_request(error):
    """A refused filter: the reasons, one per line, in the reader's language."""
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    return HttpResponseBadRequest(
        "\n".join(str(message) for message in messages) + "\n",
        content_type="text/plain; charset=utf-8",
    )


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@indicator_permission_required
def indicator_export(request, code, format):
    """One indicator's report (total, then the breakdown asked for) as CSV or Excel."""
    if format not in EXPORT_FORMATS:
        raise Http404
    indicator = get_object_or_404(
        Indicator.objects.prefetch_related("questions", "pre_questions"), code=code
    )
    try:
        filters, group_by = filters_from_query(request.GET)
    except ValidationError as error:
        return bad_request(error)
    report = indicator_report(indicator=indicator, group_by=group_by, filters=filters)
    stamp = timezone.localdate().isoformat()
    filename = f"indicator-{indicator.code}-v{report.version}-{stamp}.{format}"
    if format == "xlsx":
        response = HttpResponse(write_xlsx([report]), content_type=EXPORT_FORMATS["xlsx"])
        return _attachment(response, filename)
    response = HttpResponse(content_type=EXPORT_FORMATS["csv"])
    # A byte order mark so that Excel reads UTF-8 (as the other CSV downloads do).
    response.write("\ufeff")
    write_csv([report], response)
    return _attachment(response, filename)


def _reader_language(request):
    requested = (request.GET.get("lang") or "").strip()
    if requested:
        return requested
    current = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return current if current in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _unknown_language(language):
    return bad_request(
        ValidationError(
            _("Unknown language “%(value)s”. Choose one of: %(choices)s.")
            % {"value": language, "choices": ", ".join(LANGUAGE_CODES)}
        )
    )


def _svg(figure, dom_id):
    return figure.svg(dom_id) if figure is not None else ""


def _section_charts(section):
    """The indicator's charts as the dashboard and the PDF draw them (quizzes/reports/charts)."""
    code = section.indicator.code
    return {
        "trend": _svg(
            trend_chart(
                section.indicator,
                section.trend_report.rows,
                period=section.trend_report.filters.period,
            ),
            f"indicator-{code}-trend-chart",
        ),
        "breakdown": _svg(
            breakdown_chart(section.indicator, section.breakdown_report_rows),
            f"indicator-{code}-breakdown-chart",
        ),
    }


def _overview_charts(overview):
    return {
        "outcomes": _svg(outcomes_chart(overview), "overview-outcomes-chart"),
        "outputs": _svg(outputs_chart(overview), "overview-outputs-chart"),
    }


@indicator_permission_required
def funder_report_view(request):
    """Every indicator in words, for funders: a printable page, or the same as a PDF."""
    language = _reader_language(request)
    if language not in LANGUAGE_CODES:
        return _unknown_language(language)
    with translation.override(language):
        output = (request.GET.get("format") or "html").strip()
        if output not in ("html", "pdf"):
            return bad_request(
                ValidationError(
                    _("Unknown format “%(value)s”. Choose one of: %(choices)s.")
                    % {"value": output, "choices": "html, pdf"}
                )
            )
        try:
            filters, group_by = filters_from_query(request.GET)
        except ValidationError as error:
            return bad_request(error)
        report = funder_report(filters=filters, group_by=group_by, language=language)
        stamp = timezone.localdate().isoformat()
        if output == "pdf":
            response = HttpResponse(render_funder_pdf(report), content_type="application/pdf")
            return _attachment(response, f"psr-learn-funder-report-{language}-{stamp}.pdf")
        query = filters_to_query(filters, group_by)
        exports = {
            section.indicator.pk: {
                kind: reverse("indicator_export", args=[section.indicator.code, kind])
                + (f"?{urlencode(query)}" if query else "")
                for kind in EXPORT_FORMATS
            }
            for section in report.sections
        }
        other_language = next(code for code in LANGUAGE_CODES if code != language)
        page_url = reverse("indicator_funder_report")
        report_url = reverse("indicator_report_export", args=["xlsx"])[: -len("xlsx")]
        context = {
            "report": report,
            "sections": [
                (section, exports[section.indicator.pk], _section_charts(section))
                for section in report.sections
            ],
            "overview_charts": _overview_charts(report.overview),
            "report_exports": {
                kind: f"{report_url}{kind}?{urlencode({**query, 'lang': language})}"
                for kind in EXPORT_FORMATS
            },
            "pdf_url": f"{page_url}?{urlencode({**query, 'lang': language, 'format': 'pdf'})}",
            "other_language_url": f"{page_url}?{urlencode({**query, 'lang': other_language})}",
            "other_language_name": capfirst(
                translation.get_language_info(other_language)["name_local"]
            ),
            "other_language": other_language,
        }
        return render(request, "quizzes/admin/funder_report.html", context)


@indicator_permission_required
def funder_report_export(request, format):
    """The report export, for people: every indicator as the dashboard shows it, in the
    reader's language (`?lang=`, as the funder report), as Excel or CSV."""
    if format not in EXPORT_FORMATS:
        raise Http404
    language = _reader_language(request)
    if language not in LANGUAGE_CODES:
        return _unknown_language(language)
    with translation.override(language):
        try:
            filters, group_by = filters_from_query(request.GET)
        except ValidationError as error:
            return bad_request(error)
    today = timezone.localdate()
    filename = f"psr-learn-report-{language}-{today.isoformat()}.{format}"
    arguments = {"filters": filters, "group_by": group_by, "language": language, "today": today}
    if format == "xlsx":
        content = report_workbook(**arguments)
        return _attachment(HttpResponse(content, content_type=EXPORT_FORMATS["xlsx"]), filename)
    response = HttpResponse(content_type=EXPORT_FORMATS["csv"])
    write_report_csv(out=response, **arguments)
    return _attachment(response, filename)
