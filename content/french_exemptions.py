"""Strings a trainer marked "same in both languages on purpose" (issue 16).

A French field equal to its English one usually means nobody translated it, so the Missing
French report (content/views_missing_french.py) and the pages' French state list it. Some
strings are the same on purpose: a brand name, an acronym, a person's name. A trainer marks
those once; the mark is kept for the English text it was made on, so when the English changes
the string is flagged again (a changed sentence needs a new look at its French).

`is_exempt(obj, field, english_text)` is the one check everyone calls (the report and
content.french_state); `ExemptionIndex` is the same check for many strings, in one query.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Never a translation gap: the site's own name reads the same in French.
ALWAYS_EXEMPT = frozenset({"PSR Learn"})
EXCERPT_LENGTH = 300


def english_key(value):
    """What a mark is kept against: a digest of the English value, whatever its type.

    StreamField values are compared as saved (JSON), like the report compares them; the digest
    keeps the key short whatever the length of a lesson body.
    """
    if hasattr(value, "get_prep_value"):
        value = value.get_prep_value()
    if not isinstance(value, str):
        value = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _texts(value):
    """The words of a saved StreamField value: its strings, without block types and ids."""
    if isinstance(value, dict):
        return [t for key, item in value.items() if key not in ("type", "id") for t in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [strip_tags(value)] if isinstance(value, str) else []


def excerpt(value):
    """What a trainer reads of the English: the text, not the markup or a body's JSON."""
    if hasattr(value, "get_prep_value"):
        value = " ".join(_texts(value.get_prep_value()))
    elif not isinstance(value, str):
        value = " ".join(_texts(value))
    value = " ".join(strip_tags(value).split())
    return value if len(value) <= EXCERPT_LENGTH else value[: EXCERPT_LENGTH - 1] + "…"


class FrenchExemption(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    # Text, like Wagtail's own references to any object: snippets may have any kind of key.
    object_id = models.CharField(_("object id"), max_length=64)
    # The field without its language suffix ("title", "body").
    field = models.CharField(_("field"), max_length=100)
    english_hash = models.CharField(_("English text digest"), max_length=64)
    english_excerpt = models.TextField(_("English text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("marked"), auto_now_add=True)

    class Meta:
        verbose_name = _("string the same in both languages")
        verbose_name_plural = _("strings the same in both languages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "english_hash"],
                name="one_french_exemption_per_string",
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}/{self.object_id} {self.field}: {self.english_excerpt}"


def _always_exempt(english_text):
    return isinstance(english_text, str) and english_text.strip() in ALWAYS_EXEMPT


def _key(obj, field, english_text):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return (content_type.pk, str(obj.pk), field, english_key(english_text))


def is_exempt(obj, field, english_text):
    """Whether a French `field` of `obj` equal to its English is so on purpose.

    `field` is the name without language suffix; `english_text` is the English value now.
    """
    if _always_exempt(english_text):
        return True
    content_type_id, object_id, field, digest = _key(obj, field, english_text)
    return FrenchExemption.objects.filter(
        content_type_id=content_type_id, object_id=object_id, field=field, english_hash=digest
    ).exists()


class ExemptionIndex:
    """Every mark, read once: `is_exempt` for a whole report without a query per string."""

    def __init__(self):
        self._keys = {
            (row.content_type_id, row.object_id, row.field, row.english_hash): row.pk
            for row in FrenchExemption.objects.only(
                "content_type_id", "object_id", "field", "english_hash"
            )
        }

    def is_exempt(self, obj, field, english_text):
        return _always_exempt(english_text) or _key(obj, field, english_text) in self._keys


def exemption_create(*, obj, field, english_text, user):
    """Mark a string the same on purpose; marking it twice keeps the first mark."""
    content_type_id, object_id, field, digest = _key(obj, field, english_text)
    exemption, _created = FrenchExemption.objects.get_or_create(
        content_type_id=content_type_id,
        object_id=object_id,
        field=field,
        english_hash=digest,
        defaults={"english_excerpt": excerpt(english_text), "created_by": user},
    )
    return exemption


def exemption_delete(*, exemption_id):
    """Undo a mark: the string is listed again if its French is still missing."""
    return FrenchExemption.objects.filter(pk=exemption_id).delete()[0] > 0
