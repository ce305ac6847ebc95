"""Program-evaluation indicators: which answers they read and how, with versioned definitions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.search import index


class IndicatorKind(models.TextChoices):
    SHARE_FAVOURABLE = "share_favourable", _("Share favourable")
    MEAN_RATING = "mean_rating", _("Mean rating")
    MEAN_SCORE = "mean_score", _("Mean score")
    PASS_RATE = "pass_rate", _("Pass rate")
    PRE_POST_CHANGE = "pre_post_change", _("Pre/post change")
    # Read from the Collaborative Action Plans (learning.plans, issue 18), not from answers.
    PLAN_ALL_OWNED = "plan_all_owned", _("Plans with every task owned before arrival")
    PLAN_ROLES_MATCH = (
        "plan_roles_match",
        _("Plan assignments that match the courses' role tables"),
    )


# Kinds whose cells a layer above computes (quizzes.extensions.indicator_cells): they read no
# questions, and their cells' sums are (n, k) as a share of favourable answers.
COMPUTED_KINDS = {IndicatorKind.PLAN_ALL_OWNED, IndicatorKind.PLAN_ROLES_MATCH}

# Kinds whose value is a share between 0 and 1 (Wilson interval); the others are means (t).
SHARE_KINDS = {IndicatorKind.SHARE_FAVOURABLE, IndicatorKind.PASS_RATE, *COMPUTED_KINDS}


# Codes that are addresses of their own under /admin/indicators/ (quizzes/admin_urls.py): an
# indicator with one of them could never have its data exported.
RESERVED_CODES = frozenset({"report"})


def validate_indicator_code(value):
    if value in RESERVED_CODES:
        raise ValidationError(
            _("“%(code)s” is the address of the funder report; choose another code."),
            code="reserved",
            params={"code": value},
        )


class Indicator(index.Indexed, ClusterableModel):
    code = models.SlugField(
        _("code"), max_length=64, unique=True, validators=[validate_indicator_code]
    )
    name = models.CharField(_("name"), max_length=255)
    definition = models.TextField(
        _("definition"), help_text=_("In plain words: who is counted and what counts.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=IndicatorKind.choices)
    questions = ParentalManyToManyField(
        "quizzes.Question",
        verbose_name=_("questions"),
        related_name="indicators",
        blank=True,
        help_text=_("The questions it reads (for pre/post change: the post-test questions)."),
    )
    pre_questions = ParentalManyToManyField(
        "quizzes.Question",
        verbose_name=_("pre-test questions"),
        related_name="pre_indicators",
        blank=True,
        help_text=_("Pre/post change only: the pre-test questions to compare with."),
    )
    target = models.DecimalField(
        _("target"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "Shares and scores as decimals (0.85 for 85%), ratings on their scale (4.5), "
            "pre/post change in score points as a decimal (0.15)."
        ),
    )
    threshold = models.DecimalField(
        _("pass threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=70,
        help_text=_("Pass rate only: the score a learner must reach."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=5,
        help_text=_("Groups smaller than this are never shown, anywhere."),
    )
    include_browser_reported = models.BooleanField(
        _("include results reported by the browser"),
        default=True,
        help_text=_("H5P results are scored in the learner's browser, not on the server."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the dashboard"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_share(self):
        return self.kind in SHARE_KINDS


class IndicatorVersion(models.Model):
    """A definition as it was: reports name the version whose rules produced their figures."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator version")
        verbose_name_plural = _("indicator versions")
        ordering = ["indicator", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="one_number_per_version")
        ]

    def __str__(self):
        return f"{self.indicator.code} v{self.number}"
