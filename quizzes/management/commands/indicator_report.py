"""Print indicator figures: the same rows as the admin's CSV export, for scripts and funders.

    python manage.py indicator_report [--indicator CODE] [--course SLUG] [--cohort CODE]
        [--by role|course|cohort|language|region|period] [--period month|quarter]
        [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--role CODE] [--region CODE] [--language en|fr]
        [--browser yes|no] [--format csv|json] [--lang en|fr]

Without --indicator, every indicator in dashboard order. CSV has exactly the columns of
quizzes.reports.exports.COLUMNS (values as decimals, 0.8693); JSON is a list of objects with the
same keys, numbers as numbers, plus "label" (the group's name, in --lang). Filters are checked
by the same parser as the admin's query strings (quizzes.reports.filters).
"""

import io
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from content.models import CoursePage
from learning.people.models import Cohort
from quizzes.models import Indicator
from quizzes.reports import indicator_report
from quizzes.reports.exports import json_records, write_csv
from quizzes.reports.filters import filters_from_query

FORMATS = ("csv", "json")


class Command(BaseCommand):
    help = "Print indicator figures (total and breakdown) as CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", metavar="CODE", help="One indicator (default: all).")
        parser.add_argument("--course", metavar="SLUG", help="A course, by its English slug.")
        parser.add_argument("--cohort", metavar="CODE", help="A training session's join code.")
        parser.add_argument(
            "--by", metavar="GROUP", help="role, course, cohort, language, region or period."
        )
        parser.add_argument("--period", metavar="PERIOD", help="month (default) or quarter.")
        parser.add_argument(
            "--from", dest="date_from", metavar="YYYY-MM-DD", help="Answers from this day on."
        )
        parser.add_argument(
            "--to", dest="date_to", metavar="YYYY-MM-DD", help="Answers up to this day."
        )
        parser.add_argument("--role", metavar="CODE", help="Only learners in this role.")
        parser.add_argument("--region", metavar="CODE", help="Only learners in this region.")
        parser.add_argument("--language", metavar="CODE", help="Only quizzes taken in en or fr.")
        parser.add_argument(
            "--browser",
            metavar="yes|no",
            help="Count results scored by the browser (H5P) or not (default: as defined).",
        )
        parser.add_argument("--format", default="csv", metavar="csv|json")
        parser.add_argument(
            "--lang",
            default=settings.LANGUAGE_CODE,
            metavar="en|fr",
            help="Language of the JSON labels and of error messages.",
        )

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        if options["lang"] not in languages:
            raise CommandError(
                _("Unknown language “%(value)s”. Choose one of: %(choices)s.")
                % {"value": options["lang"], "choices": ", ".join(languages)}
            )
        with translation.override(options["lang"]):
            output = self.render(options)
        self.stdout.write(output, ending="")

    def render(self, options):
        output = options["format"]
        if output not in FORMATS:
            raise CommandError(
                _("Unknown format “%(value)s”. Choose one of: %(choices)s.")
                % {"value": output, "choices": ", ".join(FORMATS)}
            )
        query = {
            "course": self.course_id(options["course"]),
            "cohort": self.cohort_id(options["cohort"]),
            "by": options["by"],
            "period": options["period"],
            "from": options["date_from"],
            "to": options["date_to"],
            "role": options["role"],
            "region": options["region"],
            "language": options["language"],
            "browser": options["browser"],
        }
        try:
            filters, group_by = filters_from_query(
                {key: str(value) for key, value in query.items() if value not in (None, "")}
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        reports = [
            indicator_report(indicator=indicator, group_by=group_by, filters=filters)
            for indicator in self.indicators(options["indicator"])
        ]
        if output == "json":
            return json.dumps(json_records(reports), ensure_ascii=False, indent=2) + "\n"
        return write_csv(reports, io.StringIO(newline="")).getvalue()

    def indicators(self, code):
        indicators = Indicator.objects.prefetch_related("questions", "pre_questions")
        if not code:
            return list(indicators)
        indicator = indicators.filter(code=code).first()
        if indicator is None:
            known = ", ".join(Indicator.objects.values_list("code", flat=True)) or "—"
            raise CommandError(
                _("No indicator has the code “%(code)s”. Indicators: %(known)s.")
                % {"code": code, "known": known}
            )
        return [indicator]

    def course_id(self, slug):
        if not slug:
            return None
        course = CoursePage.objects.filter(slug_en=slug).order_by("path").first()
        if course is None:
            raise CommandError(_("No course has the slug “%(slug)s”.") % {"slug": slug})
        return course.pk

    def cohort_id(self, code):
        if not code:
            return None
        normalised = code.replace("-", "").replace(" ", "").upper()
        cohort = Cohort.objects.filter(code=normalised).first()
        if cohort is None:
            raise CommandError(
                _("No training session has the join code “%(code)s”.") % {"code": code}
            )
        return cohort.pk
