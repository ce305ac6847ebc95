"""H5P packages (snippets), the learners' saved player state and their reported results.

Imported from content/models.py so the models belong to the content app. A package's files
live in the H5P storage, outside MEDIA_ROOT, under ``h5p/<storage_key>/`` (storage.py).
"""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .storage import delete_files


def new_storage_key():
    """Unguessable: the package's files are served to anyone who knows their URL."""
    return secrets.token_hex(16)


class H5PPackage(models.Model):
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(_("language"), max_length=10, blank=True)
    main_library = models.CharField(_("main library"), max_length=255)
    # h5p.json's preloadedDependencies and the libraries the package holds, from the report.
    dependencies = models.JSONField(_("dependencies"), default=dict, blank=True)
    storage_key = models.CharField(
        _("storage key"), max_length=32, unique=True, editable=False, default=new_storage_key
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Bytes written to storage at upload: the unpacked files and the translated content.
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    # What the activity's top-level statements must report as their maximum. Set by a trainer,
    # never by a learner's statement: one forged statement must not decide what everyone
    # else's are checked against. Unset, statements are accepted but fix nothing.
    max_score = models.DecimalField(
        _("expected maximum score"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "The maximum score the activity reports when a learner finishes it (check it in a "
            "preview). Results with another maximum are refused and listed under Refused H5P "
            "results. Leave empty to accept any maximum."
        ),
    )
    # A guess from content.json at upload (the number of questions), offered to the trainer.
    suggested_max_score = models.PositiveIntegerField(
        _("suggested maximum score"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")
        ordering = ["-created_at"]
        # Adding a package means uploading one: "upload" replaces "add".
        default_permissions = ("change", "delete", "view")
        permissions = [("upload_h5ppackage", _("Can upload H5P packages"))]

    def __str__(self):
        return self.title

    @property
    def storage_prefix(self):
        return f"h5p/{self.storage_key}/"


class H5PUserState(models.Model):
    """What the player saved for a learner (contentUserData "state"), to resume later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="h5p_states",
    )
    package = models.ForeignKey(
        H5PPackage, verbose_name=_("H5P package"), on_delete=models.CASCADE, related_name="+"
    )
    data = models.TextField(_("data"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
        constraints = [
            models.UniqueConstraint(fields=["user", "package"], name="one_h5p_state_per_learner")
        ]

    def __str__(self):
        return f"{self.user_id} · {self.package_id}"


class H5PResult(models.Model):
    """A score the learner's browser reported (xAPI) for a package not recorded as a quiz."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="h5p_results",
    )
    package = models.ForeignKey(
        H5PPackage, verbose_name=_("H5P package"), on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "content.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raw = models.DecimalField(_("score"), max_digits=10, decimal_places=3)
    max = models.DecimalField(_("maximum score"), max_digits=10, decimal_places=3)
    statement = models.JSONField(_("xAPI statement"))
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("H5P result")
        verbose_name_plural = _("H5P results")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user_id} · {self.package_id}: {self.raw}/{self.max}"


class H5PRefusedStatement(models.Model):
    """A statement refused for its score (content/h5p/results.py), kept for trainers to review:
    a forged score, or a package whose expected maximum needs correcting."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    package = models.ForeignKey(
        H5PPackage, verbose_name=_("H5P package"), on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "content.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code = models.CharField(_("reason"), max_length=40)
    raw = models.JSONField(_("score sent"), null=True, blank=True)
    max = models.JSONField(_("maximum sent"), null=True, blank=True)
    expected_max = models.DecimalField(
        _("expected maximum"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    statement = models.JSONField(_("xAPI statement"))
    created_at = models.DateTimeField(_("refused"), auto_now_add=True)

    class Meta:
        verbose_name = _("refused H5P result")
        verbose_name_plural = _("refused H5P results")
        ordering = ["-created_at", "-pk"]
        # A record of what happened: looked at, never added or edited by hand.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.package_id} · {self.code}"


@receiver(post_delete, sender=H5PPackage)
def _delete_package_files(sender, instance, **kwargs):
    """However a package is deleted (service, admin, bulk action), its files go once the
    deletion is committed."""
    prefix = instance.storage_prefix
    transaction.on_commit(lambda: delete_files(prefix))
