"""Figures in words, in the reader's language: "87%", "4.9", "+15.3 points", and the sentences
a funder can quote ("87% (n = 153; 95% CI 81–91%) found the training very helpful or helpful.").
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...models import COMPUTED_KINDS, IndicatorKind

# Ratings are asked from 1 to 5 (quizzes.services.answers.RATING_RANGE).
RATING_MIN, RATING_MAX = 1, 5
LANGUAGE_TAGS = {"en": "en-CA", "fr": "fr-CA"}


def _round(value, places):
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(value, places):
    """A number in the active language: 4.9 in English, 4,9 in French."""
    return number_format(_round(value, places), decimal_pos=places, use_l10n=True)


def _signed(value, places):
    text = _number(value, places)
    return text if text.startswith("-") or _round(value, places) == 0 else f"+{text}"


def _clamp(value, low, high):
    return None if value is None else min(high, max(low, value))


def percent(value):
    return _("%(value)s%%") % {"value": _number(value * 100, 0)}


def value_text(value, indicator):
    """A figure as people read it: "87%", "4.9", "+15.3 points"."""
    if value is None:
        return ""
    kind = indicator.kind
    if kind == IndicatorKind.MEAN_RATING:
        return _number(value, 1)
    if kind == IndicatorKind.PRE_POST_CHANGE:
        return _("%(change)s points") % {"change": _signed(value * 100, 1)}
    return percent(value)


def interval_text(low, high, indicator):
    """The interval's range: "81–91%", "4.7–5.0", "+10.2 to +19.8"."""
    if low is None or high is None:
        return ""
    kind = indicator.kind
    if kind == IndicatorKind.MEAN_RATING:
        # The t interval may pass the ends of the scale; no rating can.
        low, high = _clamp(low, RATING_MIN, RATING_MAX), _clamp(high, RATING_MIN, RATING_MAX)
        return f"{_number(low, 1)}–{_number(high, 1)}"
    if kind == IndicatorKind.PRE_POST_CHANGE:
        # A score moves by 100 points at most, whatever the t interval says.
        low, high = _clamp(low, -1.0, 1.0), _clamp(high, -1.0, 1.0)
        return _("%(low)s to %(high)s") % {
            "low": _signed(low * 100, 1),
            "high": _signed(high * 100, 1),
        }
    if kind == IndicatorKind.MEAN_SCORE:
        low, high = _clamp(low, 0.0, 1.0), _clamp(high, 0.0, 1.0)
    return f"{_number(low * 100, 0)}–{percent(high)}"


def _too_few(row, indicator):
    # The report says why it hid a figure (quizzes/reports/indicators.py); rows built
    # without a reason fall back on their count.
    if row.hidden_because:
        return row.hidden_because == "small"
    return row.n < indicator.min_group_size


def suppressed_text(row, indicator):
    """What a hidden figure's cell says: too few answers, or hidden to protect another group."""
    if _too_few(row, indicator):
        return _("fewer than %(count)s") % {"count": indicator.min_group_size}
    return _("hidden to protect a smaller group")


def _count_text(n, kind):
    """n as the figure counts it: "n = 153", "n = 25 plans", "n = 240 assignments"."""
    if kind == IndicatorKind.PLAN_ALL_OWNED:
        return ngettext("n = %(n)s plan", "n = %(n)s plans", n) % {"n": n}
    if kind == IndicatorKind.PLAN_ROLES_MATCH:
        return ngettext("n = %(n)s assignment", "n = %(n)s assignments", n) % {"n": n}
    return f"n = {n}"


def _figures(row, indicator):
    kind = indicator.kind
    interval = interval_text(row.ci_low, row.ci_high, indicator)
    if kind == IndicatorKind.PRE_POST_CHANGE:
        main = _("%(change)s percentage points on average") % {
            "change": _signed(row.value * 100, 1)
        }
        pairs = row.pairs if row.pairs is not None else row.n
        parts = [ngettext("n = %(n)s pair", "n = %(n)s pairs", pairs) % {"n": pairs}]
    else:
        if kind == IndicatorKind.MEAN_RATING:
            main = _("%(value)s out of %(max)s") % {
                "value": _number(row.value, 1),
                "max": RATING_MAX,
            }
        elif kind == IndicatorKind.MEAN_SCORE:
            main = _("Average score %(value)s") % {"value": percent(row.value)}
        else:
            main = percent(row.value)
        parts = [_count_text(row.n, kind)]
    if interval:
        parts.append(_("95%% CI %(range)s") % {"range": interval})
    if kind == IndicatorKind.PRE_POST_CHANGE and row.gain is not None:
        parts.append(_("normalised gain %(gain)s") % {"gain": _number(row.gain, 2)})
    return f"{main} ({'; '.join(parts)})"


def _suppressed_sentence(row, indicator):
    if _too_few(row, indicator):
        count = indicator.min_group_size
        if indicator.kind in COMPUTED_KINDS:
            return ngettext(
                "Fewer than %(count)s plan is counted: the result is not shown.",
                "Fewer than %(count)s plans are counted: the result is not shown.",
                count,
            ) % {"count": count}
        return ngettext(
            "Fewer than %(count)s person answered: the result is not shown.",
            "Fewer than %(count)s people answered: the result is not shown.",
            count,
        ) % {"count": count}
    return _(
        "The result is not shown, so that a smaller group's result cannot be worked out "
        "from it and another figure."
    )


def _as_sentence(text):
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def sentence_phrase(indicator):
    """What follows the figures: the definition when it is written to continue them.

    A definition that begins in lower case continues the figures ("found the training very
    helpful or helpful" → "87% (…) found the training very helpful or helpful."). Any other
    definition is a description ("In plain words: who is counted and what counts"), so the
    indicator's name follows a dash instead: "87% (…) — Training helpful for …". Reads the
    active language.
    """
    definition = " ".join(str(indicator.definition or "").split())
    if definition[:1].islower():
        return definition
    return f"— {indicator.name}"


def funder_sentence(report_row, indicator, language):
    """One row of a report as a sentence a funder can quote, in `language` ("en" or "fr").

    "87% (n = 153; 95% CI 81–91%) found the training very helpful or helpful." when the
    definition continues the figures, else "87% (n = 153; 95% CI 81–91%) — <name>." (see
    `sentence_phrase`). Suppressed rows say why instead, with no figure.
    """
    with translation.override(language):
        if report_row.suppressed:
            return _suppressed_sentence(report_row, indicator)
        if report_row.value is None:
            return _("No one has answered yet: there is no result to show.")
        return _as_sentence(f"{_figures(report_row, indicator)} {sentence_phrase(indicator)}")


def target_text(row, indicator):
    """ "Target: 85% — Target met"; empty when the indicator has no target."""
    if indicator.target is None:
        return ""
    text = _("Target: %(target)s") % {"target": value_text(float(indicator.target), indicator)}
    if row.met is True:
        return f"{text} — {_('Target met')}"
    if row.met is False:
        return f"{text} — {_('Target not met')}"
    return text
