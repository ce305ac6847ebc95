"""The emails the site sends on its own (issue 15): each is a row before it is sent.

A row is written in the transaction that causes the email (an enrolment, a completion) or by the
reminders command, under a key that names its one occasion ("reminder:post_test:42"): the key
is unique, so nothing is ever queued twice for the same step, however often the command runs or
two runs overlap. It is then sent after the commit, or by the next run of the command if that
failed (at least once: a run killed between the send and the row's update may send it again).
The row keeps what was sent, to whom, when and in which language; not the body.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    WELCOME = "welcome", _("Welcome")
    ENROLMENT = "enrolment", _("Enrolment")
    SESSION_JOINED = "session_joined", _("Joined a training session")
    COMPLETION = "completion", _("Course completed")
    REMINDER_PRE_TEST = "reminder_pre_test", _("Reminder: pre-test")
    REMINDER_POST_TEST = "reminder_post_test", _("Reminder: post-test")
    REMINDER_SURVEY = "reminder_survey", _("Reminder: evaluation survey")
    TRAINER_DIGEST = "trainer_digest", _("Trainer's weekly digest")


REMINDER_KINDS = {
    "pre_test": EmailKind.REMINDER_PRE_TEST,
    "post_test": EmailKind.REMINDER_POST_TEST,
    "survey": EmailKind.REMINDER_SURVEY,
}


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (no longer wanted)")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=EmailKind.choices)
    key = models.CharField(_("occasion"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="outgoing_emails",
    )
    enrolment = models.ForeignKey(
        "learning.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    cohort = models.ForeignKey(
        "learning.Cohort",
        verbose_name=_("training session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # What was sent: filled in when it is.
    to = models.EmailField(_("to"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_email_queue")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to or self.user_id}"
