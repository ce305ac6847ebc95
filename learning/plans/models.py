"""The Collaborative Action Plan (issue 18): a sponsor group and its settlement worker agree who
does what in the family's first year, before the family arrives.

The program's final report describes agencies meeting sponsors before arrival "with tools to
better facilitate role understanding", such as a Collaborative Action Plan form; 51% of those
it asked named unclear roles and responsibilities as the greatest barrier to collaboration.

Only what the plan needs is stored (README, "The Collaborative Action Plan"): tasks, who owns
each, a contact by first name or role, a phase or target date, and a short note. Nothing about
the family's health, immigration or finances: the form says so and the note refuses long
numbers (file, client, phone or account numbers).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class PlanOwner(models.TextChoices):
    SPONSOR_GROUP = "sponsor_group", _("Sponsor group")
    SETTLEMENT_WORKER = "settlement_worker", _("Settlement worker")
    SHARED = "shared", _("Shared")
    NEWCOMERS = "newcomers", _("The newcomers")


class PlanPhase(models.TextChoices):
    BEFORE_ARRIVAL = "before_arrival", _("Before arrival")
    FIRST_WEEK = "first_week", _("First week")
    FIRST_MONTH = "first_month", _("First month")
    FIRST_YEAR = "first_year", _("First year")


class MemberRole(models.TextChoices):
    SPONSOR_GROUP = "sponsor_group", _("Sponsor group member")
    SETTLEMENT_WORKER = "settlement_worker", _("Settlement worker")


class PlanTask(index.Indexed, models.Model):
    """A first-year task every new plan lists, written by trainers in both languages (title and
    guidance are translated fields, learning/translation.py)."""

    title = models.CharField(_("task"), max_length=200)
    guidance = models.CharField(
        _("guidance"),
        max_length=300,
        blank=True,
        help_text=_("One line on what the task covers, shown under it in the plan."),
    )
    expected_owner = models.CharField(
        _("owner in the courses' role tables"),
        max_length=32,
        choices=PlanOwner.choices,
        blank=True,
        help_text=_(
            "Who the courses say does it. Plans that assign it otherwise are not wrong, but the "
            "'assignments that match the role tables' indicator counts them apart."
        ),
    )
    default_phase = models.CharField(
        _("usual phase"), max_length=32, choices=PlanPhase.choices, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("in new plans"),
        default=True,
        help_text=_("Plans already started keep a task that is taken out of new plans."),
    )

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("action plan task")
        verbose_name_plural = _("action plan tasks")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title


class ActionPlan(models.Model):
    title = models.CharField(
        _("plan name"),
        max_length=120,
        help_text=_("For example: St Mark's sponsor group, spring arrival. No family names."),
    )
    course = models.ForeignKey(
        "content.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_plans",
    )
    cohort = models.ForeignKey(
        "learning.Cohort",
        verbose_name=_("training session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_plans",
    )
    expected_arrival = models.DateField(_("expected arrival"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    region = models.CharField(_("region"), max_length=32, blank=True)
    shared_with_trainer = models.BooleanField(
        _("shared with the session's trainer"),
        default=False,
        help_text=_("The trainer sees that a plan exists; its content only when shared."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When every task last came to have an owner (None while one has none): the "every task
    # owned before arrival" indicator compares it with the arrival date.
    all_owned_at = models.DateTimeField(_("every task owned since"), null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title


class PlanMember(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="action_plan_memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan member")
        verbose_name_plural = _("plan members")
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="one_membership_per_plan")
        ]

    def __str__(self):
        return f"{self.plan} · {self.user_id}"


class PlanInvite(models.Model):
    """A one-time link: only its hash is stored, and it works once, before it expires."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="invites"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    role = models.CharField(_("joins as"), max_length=32, choices=MemberRole.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan invitation")
        verbose_name_plural = _("plan invitations")

    def __str__(self):
        return f"{self.plan} · {self.get_role_display()}"


class PlanItem(models.Model):
    """One task in one plan: its owner, contact, phase or date and note. `version` goes up on
    every saved change, so a writer who saw an older version is told rather than overwriting."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items"
    )
    task = models.ForeignKey(
        PlanTask, verbose_name=_("task"), on_delete=models.PROTECT, related_name="items"
    )
    owner = models.CharField(_("who does it"), max_length=32, choices=PlanOwner.choices, blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=60,
        blank=True,
        help_text=_("A first name or a role only, for example “Maria” or “housing lead”."),
    )
    phase = models.CharField(_("when"), max_length=32, choices=PlanPhase.choices, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("No health, immigration or financial details of the family."),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["task__sort_order", "task_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "task"], name="one_item_per_task_and_plan")
        ]

    def __str__(self):
        return f"{self.plan} · {self.task}"


class PlanChange(models.Model):
    """The plan's history: who changed which field of which task, from what to what."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="changes"
    )
    item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan task"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    field = models.CharField(_("field"), max_length=32)
    old_value = models.CharField(_("before"), max_length=300, blank=True)
    new_value = models.CharField(_("after"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["plan", "-changed_at"])]

    def __str__(self):
        return f"{self.plan} · {self.field}"
