"""Progress records: lessons completed and the certificates that completion earns."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from learning.people.models import Enrolment, certificate_code


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "content.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.lesson_id}"


class Certificate(models.Model):
    """Issued on completion. Names and titles are copied so the certificate never changes."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="certificate",
    )
    code = models.CharField(
        _("verification code"), max_length=32, unique=True, default=certificate_code
    )
    learner_name = models.CharField(_("learner name"), max_length=300)
    course_title_en = models.CharField(_("course title (English)"), max_length=255)
    course_title_fr = models.CharField(_("course title (French)"), max_length=255)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code
