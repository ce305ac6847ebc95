"""Writes for indicators: every change of definition keeps a numbered version."""

from decimal import Decimal

from django.db import transaction

from ..models import IndicatorVersion


def _decimal_text(value):
    if value is None:
        return None
    return str(Decimal(str(value)).normalize())


def indicator_definition(indicator):
    """What decides the figures: a change in any of these is a new version."""
    return {
        "kind": indicator.kind,
        "questions": sorted(question.pk for question in indicator.questions.all()),
        "pre_questions": sorted(question.pk for question in indicator.pre_questions.all()),
        "target": _decimal_text(indicator.target),
        "threshold": _decimal_text(indicator.threshold),
        "min_group_size": indicator.min_group_size,
        "include_browser_reported": indicator.include_browser_reported,
        "definition_en": indicator.definition_en,
        "definition_fr": indicator.definition_fr,
    }


@transaction.atomic
def indicator_record_version(*, indicator):
    """After a save: start a new version if the definition changed. Returns the version."""
    definition = indicator_definition(indicator)
    latest = indicator.versions.order_by("-number").first()
    if latest is not None and latest.definition == definition:
        return latest
    number = (latest.number + 1) if latest else 1
    version = IndicatorVersion.objects.create(
        indicator=indicator, number=number, definition=definition
    )
    if indicator.version != number:
        type(indicator).objects.filter(pk=indicator.pk).update(version=number)
        indicator.version = number
    return version
