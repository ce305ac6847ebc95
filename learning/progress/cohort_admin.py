"""Admin views for training sessions (cohorts): listing, create/edit, progress and its CSV.

Registered by learning/wagtail_hooks.py through CohortViewSet. Who sees what (the rule is in
cohort_access.py):

- the session's trainer (`Cohort.trainer`) and superusers: everything — the join code and
  link, who joined, their progress, quiz scores and H5P results, the CSV, editing, deleting,
  history;
- other trainers: that the session exists (name, course, dates, organisation, region, how many
  joined) and who runs it; its progress, CSV, edit, delete and history pages answer 403;
- program leads: the same sessions with no name at all, not even the trainer's (aggregates
  only); progress and CSV answer 403, editing sends them back to the dashboard as Wagtail does.

There are no co-trainers: a session has one trainer. Every view of one session checks it, not
only the listing, so a guessed URL is refused.
"""

import csv

from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    UsageView,
)

from content.admin_labels import BilingualLabelsForm
from learning.documents import csv_cell
from learning.people.models import Cohort, CohortKind
from learning.roles import TRAINERS

from .cohort_access import refused, runs_session, runs_sessions, with_runs_session
from .cohort_selectors import cohort_h5p_activities, cohort_progress, cohort_quizzes
from .join_links import join_urls

# What anyone who may list sessions sees of one; its trainer and superusers see the rest too.
PUBLIC_FIELDS = ["name", "course", "starts_on", "ends_on", "organisation", "region"]
RUNNER_FIELDS = ["trainer", "code", "created_at"]


def person_name(user):
    if user is None:
        return ""
    return user.get_full_name().strip() or user.email or user.get_username()


def local_date(value):
    """A datetime as the calendar date where the viewer is (the admin's time zone)."""
    return timezone.localdate(value) if value else None


def cohort_dates(cohort):
    return f"{date_format(cohort.starts_on)} – {date_format(cohort.ends_on)}"


def trainer_label(user):
    """Trainers by name and email in the choice list: sign-up usernames mean nothing."""
    name = user.get_full_name().strip()
    return f"{name} ({user.email})" if name and user.email else person_name(user)


# --- Create and edit -------------------------------------------------------------------------


class CohortForm(BilingualLabelsForm):
    """Offers only people who can run a session as trainer, not every learner on the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("trainer")
        if field is None:
            return
        keep = Q(groups__name=TRAINERS) | Q(is_superuser=True)
        if self.instance.trainer_id:
            keep |= Q(pk=self.instance.trainer_id)
        if self.for_user is not None and self.for_user.pk:
            keep |= Q(pk=self.for_user.pk)
        field.queryset = (
            get_user_model()
            .objects.filter(keep, is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        field.label_from_instance = trainer_label


class JoinLinkPanel(Panel):
    """On a saved session: the code and link learners use to join, and where to follow them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "learning/admin/join_link_panel.html"

        def is_shown(self):
            return bool(self.instance is not None and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["code"] = self.instance.code
            context["join_urls"] = join_urls(self.request, self.instance)
            context["progress_url"] = self.panel.progress_url(self.instance)
            return context

    def __init__(self, *args, progress_url_name=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.progress_url_name = progress_url_name

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["progress_url_name"] = self.progress_url_name
        return kwargs

    def progress_url(self, cohort):
        if self.progress_url_name:
            return reverse(self.progress_url_name, args=[quote(cohort.pk)])
        return ""


class CohortCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        # The trainer creating a session usually runs it; they can pick someone else.
        initial.setdefault("trainer", self.request.user.pk)
        return initial

    def get_success_url(self):
        # The edit page shows the join link and code to hand out, to whoever runs the session:
        # a trainer who named someone else as its trainer goes back to the listing.
        if runs_session(self.request.user, self.object):
            return self.get_edit_url()
        return reverse(self.index_url_name)

    def get_success_message(self, instance):
        return _("Training session “%(name)s” created. Learners join with the code %(code)s.") % {
            "name": instance.name,
            "code": instance.code,
        }


# --- Listing ---------------------------------------------------------------------------------


class CohortIndexView(IndexView):
    """Every session, with its people's columns (trainer, join code, progress) only for those
    who run sessions, and the code and progress link only on the rows they run."""

    page_title = _("Training sessions")
    add_item_label = _("Add training session")
    progress_url_name = None
    # Knowledge-exchange events have their own listing (event_admin.py).
    kind = CohortKind.TRAINING

    def get_base_queryset(self):
        # Annotated before ordering so the listing can sort by it; one query for the page.
        queryset = (
            super()
            .get_base_queryset()
            .filter(kind=self.kind)
            .select_related("course", "trainer")
            .annotate(learner_count=Count("enrolments"))
        )
        return with_runs_session(queryset, self.request.user)

    @cached_property
    def columns(self):
        columns = list(super().columns)
        if not runs_sessions(self.request.user):
            return columns
        # Before the learner count, which list_display puts last.
        columns[-1:-1] = [
            Column("trainer", label=_("Trainer"), accessor=lambda c: person_name(c.trainer)),
            Column("code", label=_("Join code"), accessor=lambda c: c.code if c.runs_it else ""),
        ]
        columns.append(Column("progress", label=_("Progress"), accessor=self.progress_link))
        return columns

    def progress_link(self, cohort):
        if not cohort.runs_it:
            return ""
        url = reverse(self.progress_url_name, args=[quote(cohort.pk)])
        return format_html('<a href="{}">{}</a>', url, _("Progress"))

    def get_edit_url(self, instance):
        if instance.runs_it:
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if instance.runs_it:
            return super().get_delete_url(instance)
        return None


# --- One session ------------------------------------------------------------------------------


class RunnersOnlyMixin:
    """For a view of one session that shows its people or changes it: 403 for a trainer who
    does not run it. Those without the model permission (program leads) are left to Wagtail's
    own check, which sends them back to the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        cohort = getattr(self, "object", None) or self.get_object()
        if runs_sessions(request.user) and not runs_session(request.user, cohort):
            return refused(request)
        return super().dispatch(request, *args, **kwargs)


class CohortEditView(RunnersOnlyMixin, EditView):
    pass


class CohortDeleteView(RunnersOnlyMixin, DeleteView):
    pass


class CohortHistoryView(RunnersOnlyMixin, HistoryView):
    # The history names the trainers and superusers who changed the session.
    pass


class CohortUsageView(RunnersOnlyMixin, UsageView):
    pass


class CohortInspectView(InspectView):
    """The read-only page: the public fields for all, the trainer and code for its runners."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if runs_session(request.user, self.object):
            self.fields = [*self.fields, *RUNNER_FIELDS]

    def get_fields(self):
        return list(PUBLIC_FIELDS)

    def get_edit_url(self):
        if runs_session(self.request.user, self.object):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        if runs_session(self.request.user, self.object):
            return super().get_delete_url()
        return None


# --- Progress --------------------------------------------------------------------------------


class CohortProgressMixin:
    """Names, progress and scores: the session's trainer and superusers only, 403 for others.

    Whoever does not run sessions at all is refused before the lookup, so they cannot even tell
    which sessions exist by id.
    """

    model = Cohort
    pk_url_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if not runs_sessions(request.user) or not runs_session(request.user, self.cohort):
            return refused(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def cohort(self):
        return get_object_or_404(
            Cohort.objects.select_related("course", "trainer"), pk=self.kwargs[self.pk_url_kwarg]
        )

    @cached_property
    def quizzes(self):
        return cohort_quizzes(cohort=self.cohort)

    @cached_property
    def activities(self):
        return cohort_h5p_activities(cohort=self.cohort)

    @cached_property
    def rows(self):
        return cohort_progress(cohort=self.cohort, quizzes=self.quizzes, activities=self.activities)


def lessons_display(row):
    shown = _("%(done)s of %(total)s (%(percent)s%%)") % {
        "done": row.lessons_done,
        "total": row.lessons_total,
        "percent": row.percent,
    }
    if row.lessons_new:  # the rule the learner reads on My learning (issue 14)
        shown += " " + ngettext(
            "+ %(count)s new since they finished",
            "+ %(count)s new since they finished",
            row.lessons_new,
        ) % {"count": row.lessons_new}
    return shown


def score_display(value):
    if value is None:
        return _("Not taken")
    return _("%(percent)s%%") % {"percent": f"{value:.0f}"}


def activity_label(activity):
    """An H5P activity's column: its lesson and its title."""
    return _("%(lesson)s: %(activity)s") % {
        "lesson": activity.lesson_title,
        "activity": activity.title,
    }


def activity_display(result):
    """The learner's best result, "4 of 5"; blank when they have not tried the activity."""
    return result.score if result is not None else ""


def completed_display(row):
    if row.is_complete:
        return date_format(local_date(row.completed_at))
    return _("Not yet")


class ScoreColumn(Column):
    """A quiz's or an H5P activity's column: its heading set sideways (cohort_progress.html),
    so a dozen of them fit beside the learner at 1280 px, in French too (issue 16)."""

    header_template_name = "learning/admin/score_column_header.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, classname="cohort-progress__score", **kwargs)


class CohortProgressView(CohortProgressMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "learning/admin/cohort_progress.html"
    page_title = _("Progress")
    header_icon = "group"
    index_url_name = None
    edit_url_name = None
    progress_csv_url_name = None
    index_label = _("Training sessions")

    def get_page_subtitle(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": self.index_label})
        items.append({"url": "", "label": self.get_header_title()})
        return self.breadcrumbs_items + items

    @cached_property
    def csv_url(self):
        return reverse(self.progress_csv_url_name, args=[quote(self.cohort.pk)])

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Download CSV"), url=self.csv_url, icon_name="download")]

    def get_table(self):
        columns = [
            Column("name", label=_("Name")),
            Column("email", label=_("Email")),
            Column("organisation", label=_("Organisation")),
            Column("role", label=_("Role")),
            Column(
                "enrolled_at",
                label=_("Joined"),
                accessor=lambda row: date_format(local_date(row.enrolled_at)),
            ),
            Column("lessons", label=_("Lessons done"), accessor=lessons_display),
            Column("completed", label=_("Completed"), accessor=completed_display),
        ]
        columns += [
            ScoreColumn(
                f"quiz-{index}",
                label=quiz.title,
                accessor=lambda row, index=index: score_display(row.scores[index]),
            )
            for index, quiz in enumerate(self.quizzes)
        ]
        columns += [
            ScoreColumn(
                f"h5p-{index}",
                label=activity_label(activity),
                accessor=lambda row, index=index: activity_display(row.activity_results[index]),
            )
            for index, activity in enumerate(self.activities)
        ]
        return Table(
            columns,
            self.rows,
            caption=_("Learners who joined %(name)s") % {"name": self.cohort.name},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the session's runners get here, and they may edit it.
        edit_url = None
        if self.edit_url_name:
            edit_url = reverse(self.edit_url_name, args=[quote(self.cohort.pk)])
        context.update(
            cohort=self.cohort,
            rows=self.rows,
            table=self.get_table(),
            completed_count=sum(1 for row in self.rows if row.is_complete),
            any_new_lessons=any(row.lessons_new for row in self.rows),
            join_urls=join_urls(self.request, self.cohort),
            csv_url=self.csv_url,
            edit_url=edit_url,
        )
        return context


class CohortProgressCSVView(CohortProgressMixin, View):
    """The progress table as CSV: UTF-8 with a BOM for Excel, headers in the viewer's language."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"cohort-{self.cohort.code}-progress.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                capfirst(str(label))
                for label in (
                    _("Name"),
                    _("Email"),
                    _("Organisation"),
                    _("Role"),
                    _("Joined"),
                    _("Lessons done"),
                    _("Lessons in course"),
                    _("Percent done"),
                    _("Completed"),
                )
            ]
            + [f"{quiz.title} (%)" for quiz in self.quizzes]
            + [csv_cell(activity_label(activity)) for activity in self.activities]
        )
        for row in self.rows:
            completed = local_date(row.completed_at)
            writer.writerow(
                [
                    csv_cell(row.name),
                    csv_cell(row.email),
                    csv_cell(row.organisation),
                    csv_cell(str(row.role)),
                    local_date(row.enrolled_at).isoformat(),
                    row.lessons_done,
                    row.lessons_total,
                    row.percent,
                    completed.isoformat() if completed else "",
                ]
                + ["" if score is None else f"{score:.2f}" for score in row.scores]
                + [csv_cell(activity_display(result)) for result in row.activity_results]
            )
        return response
