"""Quizzes and surveys as trainers write them: a quiz, its ordered questions, their choices."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index


class QuizKind(models.TextChoices):
    KNOWLEDGE_CHECK = "knowledge_check", _("Knowledge check")
    PRE_TEST = "pre_test", _("Pre-test")
    POST_TEST = "post_test", _("Post-test")
    EVALUATION_SURVEY = "evaluation_survey", _("Evaluation survey")


class GradingPolicy(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LATEST = "latest", _("Latest attempt")
    FIRST = "first", _("First attempt")


class FeedbackTiming(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately, question by question")
    AFTER_SUBMIT = "after_submit", _("After the quiz is submitted")
    NEVER = "never", _("Never")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    ROLE_ASSIGNMENT = "role_assignment", _("Role assignment")
    LIKERT = "likert", _("Likert scale")
    RATING = "rating", _("Rating 1–5")
    FREE_TEXT = "free_text", _("Free text")


# Kinds whose answers are scored; the others feed surveys and indicators only.
SCORED_KINDS = {
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.TRUE_FALSE,
    QuestionKind.ROLE_ASSIGNMENT,
}
CHOICE_KINDS = SCORED_KINDS | {QuestionKind.LIKERT}


class AssignmentRole(index.Indexed, models.Model):
    """A role a task can be assigned to in role-assignment questions (sponsor, newcomer, …)."""

    code = models.SlugField(
        _("code"), max_length=50, unique=True, help_text=_("Stable: answers are stored by code.")
    )
    label = models.CharField(_("label"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [index.SearchField("label"), index.AutocompleteField("label")]

    class Meta:
        verbose_name = _("assignment role")
        verbose_name_plural = _("assignment roles")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.label


class Quiz(index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the quiz's address.")
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=QuizKind.choices, default=QuizKind.KNOWLEDGE_CHECK
    )
    course = models.ForeignKey(
        "content.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quizzes",
        help_text=_("Pre-tests, post-tests and surveys count toward this course's completion."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means no limit.")
    )
    grading_policy = models.CharField(
        _("grading policy"),
        max_length=16,
        choices=GradingPolicy.choices,
        default=GradingPolicy.HIGHEST,
    )
    feedback_timing = models.CharField(
        _("feedback"),
        max_length=16,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_SUBMIT,
    )
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Surveys only: responses keep no link to the learner, only their role, region, "
            "language, course and cohort."
        ),
    )
    # The scope of an anonymous quiz's respondent keys (README, Anonymous responses).
    pairing = models.SlugField(
        _("pairing"),
        max_length=50,
        blank=True,
        help_text=_(
            "Anonymous quizzes only, when two are to be compared learner by learner (before "
            "and after a course): give both the same pairing code. Leave it empty otherwise: "
            "a learner's anonymous answers then cannot be matched with any other quiz's. It "
            "cannot change once the quiz has anonymous responses."
        ),
    )
    # Bumped on every save, so a page opened before an edit is recognised as stale.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("quiz or survey")
        verbose_name_plural = _("quizzes and surveys")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def respondent_scope(self):
        """What a learner's respondent key is keyed on: the quiz itself, or its pairing."""
        return f"pairing/{self.pairing}" if self.pairing else f"quiz/{self.pk}"

    @property
    def is_survey(self):
        return self.kind == QuizKind.EVALUATION_SURVEY

    @property
    def is_scored(self):
        return not self.is_survey

    @property
    def has_pass_mark(self):
        """A pre-test is scored, to compare with the post-test, but has no pass mark: it says
        what the learner knew before the course, and no learner fails it (issue 14)."""
        return self.is_scored and self.kind != QuizKind.PRE_TEST


class Question(Orderable, ClusterableModel):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(
        _("code"),
        max_length=50,
        help_text=_("Stable within the quiz: indicators and exports refer to it."),
    )
    kind = models.CharField(
        _("type"), max_length=32, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    text = models.TextField(_("question"))
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown with the feedback.")
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_("Multiple choice: credit for each right pick, less each wrong one."),
    )
    required = models.BooleanField(_("answer required"), default=True)
    max_length = models.PositiveIntegerField(
        _("maximum length"), default=2000, help_text=_("Free text: characters allowed.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "code"], name="question_code_unique_in_quiz")
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_scored(self):
        return self.kind in SCORED_KINDS


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Stable: answers are stored by code, not label.")
    )
    label = models.CharField(_("label"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    correct_role = models.ForeignKey(
        AssignmentRole,
        verbose_name=_("correct role"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Role assignment: who does this task."),
    )
    is_favourable = models.BooleanField(
        _("favourable"), default=False, help_text=_("Likert: counts as a favourable answer.")
    )
    is_not_applicable = models.BooleanField(
        _("not applicable"),
        default=False,
        help_text=_("Likert: left out of indicator denominators."),
    )
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "code"], name="choice_code_unique_in_question"
            )
        ]

    def __str__(self):
        return self.label
