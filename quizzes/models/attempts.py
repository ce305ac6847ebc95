"""What learners answered. Answers are stored by choice code, never by label."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .quizzes import Question, Quiz


class AttemptSource(models.TextChoices):
    WEB = "web", _("Web form")
    H5P = "h5p", _("H5P")


class Attempt(models.Model):
    # Not stored: set by quizzes.services.attempt_start when it returns an attempt already
    # under way (the learner's, or a double click's) rather than a new one.
    resumed = False

    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    # Null for anonymous surveys, and once the learner deleted their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quiz_attempts",
    )
    # Keyed hash of the learner (HMAC): one response per survey, and pre/post pairs,
    # without a way back to the account.
    respondent_key = models.CharField(_("respondent key"), max_length=64, blank=True)
    course = models.ForeignKey(
        "content.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cohort = models.ForeignKey(
        "learning.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    # A snapshot of who answered, for indicator breakdowns.
    role = models.CharField(_("role"), max_length=32, blank=True)
    region = models.CharField(_("region"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    quiz_revision = models.PositiveIntegerField(_("quiz revision"), default=1)
    started_at = models.DateTimeField(_("started"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    percent = models.DecimalField(
        _("percent"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=AttemptSource.choices, default=AttemptSource.WEB
    )
    browser_reported = models.BooleanField(_("reported by the browser"), default=False)
    # The learner's consent when they answered: only consenting answers feed indicators.
    counts_for_evaluation = models.BooleanField(_("counts for evaluation"), default=False)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["quiz", "user", "submitted_at"]),
            models.Index(fields=["submitted_at"]),
        ]
        constraints = [
            # One anonymous response per learner per survey.
            models.UniqueConstraint(
                fields=["quiz", "respondent_key"],
                condition=~models.Q(respondent_key=""),
                name="one_anonymous_response_per_survey",
            ),
            # At most one unfinished attempt per learner and quiz: a double click resumes it.
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(submitted_at__isnull=True, user__isnull=False),
                name="one_open_attempt_per_learner",
            ),
        ]

    def __str__(self):
        # An anonymous response's id never shows, even in an error message (README, Anonymous
        # responses).
        if self.respondent_key:
            return _("%(quiz)s, an anonymous response") % {"quiz": self.quiz}
        return f"{self.quiz} #{self.pk}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Answer(models.Model):
    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="answers"
    )
    # A trainer may remove a question later: its answers stay, by code, for indicators.
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    question_code = models.SlugField(_("question code"), max_length=50)
    # Single choice, true/false, Likert: the choice's code.
    choice_code = models.CharField(_("choice"), max_length=50, blank=True)
    # Multiple choice: the codes picked.
    choice_codes = models.JSONField(_("choices"), default=list, blank=True)
    # Role assignment: {task code: role code}.
    assignments = models.JSONField(_("assignments"), default=dict, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    # Likert flags as they were when the answer was scored, so indicators read one table.
    is_favourable = models.BooleanField(_("favourable"), null=True, blank=True)
    is_not_applicable = models.BooleanField(_("not applicable"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    # Set by the services; anonymous survey answers keep only the day (see attempt_submit).
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.question_code} · {self.pk if self.pk and self.pk > 0 else '-'}"
