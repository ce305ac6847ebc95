"""Reads of H5P results: which activities a stream shows, and each learner's best result.

What a learner sees of their results (the lesson's H5P block, My learning) and what a trainer
sees of a session's (its progress and CSV) all come from here, in one query whatever the number
of activities or learners. A learner's result for an activity is their best one (the highest
share of the maximum; the latest of equal ones): the one that completes a required block.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, FloatField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .models import H5PPackage, H5PResult

BLOCK_TYPE = "h5p"
HUNDREDTH = Decimal("0.01")


def stream_package_ids(stream):
    """The ids of the packages a lesson stream's H5P blocks show, in order, each once.

    Read from the stream's raw data: no package is loaded, no query made.
    """
    if not stream:
        return ()
    ids = []
    for item in stream.raw_data:
        if not isinstance(item, dict) or item.get("type") != BLOCK_TYPE:
            continue
        value = item.get("value")
        package_id = value.get("package") if isinstance(value, dict) else None
        if isinstance(package_id, int) and package_id not in ids:
            ids.append(package_id)
    return tuple(ids)


def number_display(value):
    """A score as people write it: "4", "2.5" ("2,5" in French), at most two decimals."""
    value = Decimal(value).quantize(HUNDREDTH, ROUND_HALF_UP)
    places = 2
    while places and value == value.quantize(Decimal(1).scaleb(-(places - 1))):
        places -= 1
    return number_format(value, decimal_pos=places, use_l10n=True)


def score_display(raw, maximum):
    """ "4 of 5" ("4 sur 5")."""
    return _("%(score)s of %(max)s") % {
        "score": number_display(raw),
        "max": number_display(maximum),
    }


def _better(candidate, best):
    """True when `candidate` (raw, max, reported_at) beats `best`: a higher share of the
    maximum, or as high and later."""
    if best is None:
        return True
    share, best_share = candidate[0] / candidate[1], best[0] / best[1]
    return share > best_share or (share == best_share and candidate[2] > best[2])


@dataclass(frozen=True)
class ActivityResult:
    """An activity (a package) and the learner's best result in it, if they tried it."""

    package_id: int
    title: str = ""
    raw: Decimal | None = None
    max: Decimal | None = None
    reported_at: object = None

    @property
    def tried(self):
        return self.raw is not None and self.max is not None

    @property
    def score(self):
        """ "4 of 5", or empty when not tried."""
        return score_display(self.raw, self.max) if self.tried else ""

    @property
    def date(self):
        """The day the best result was reported, written out in the active language."""
        if self.reported_at is None:
            return ""
        return date_format(timezone.localdate(self.reported_at), "DATE_FORMAT")

    @property
    def line(self):
        """ "Your best result: 4 of 5 (3 May 2026)": the lesson's H5P block says this."""
        if not self.tried:
            return ""
        return _("Your best result: %(score)s (%(date)s)") % {
            "score": self.score,
            "date": self.date,
        }

    def as_json(self):
        """For the player's script (the xAPI answer): what the block's result line shows."""
        if not self.tried:
            return None
        return {
            "score": f"{self.raw.normalize():f}",
            "max": f"{self.max.normalize():f}",
            "text": self.line,
            "reportedAt": self.reported_at.isoformat() if self.reported_at else None,
        }


def activity_results(*, user, package_ids):
    """{package id: ActivityResult} for one learner: each package's title and the learner's
    best result, in one query whatever the number of packages (none when there are none).
    Packages that no longer exist are left out."""
    ids = list(dict.fromkeys(package_ids))
    if not ids or user is None or not user.is_authenticated:
        return {}
    share = Cast("raw", FloatField()) / Cast("max", FloatField())
    best = (
        H5PResult.objects.filter(user=user, package_id=OuterRef("pk"))
        .annotate(share=share)
        .order_by(F("share").desc(), "-created_at", "-pk")
    )
    packages = H5PPackage.objects.filter(pk__in=ids).annotate(
        best_raw=Subquery(best.values("raw")[:1]),
        best_max=Subquery(best.values("max")[:1]),
        best_at=Subquery(best.values("created_at")[:1]),
    )
    return {
        package.pk: ActivityResult(
            package_id=package.pk,
            title=package.title,
            raw=package.best_raw,
            max=package.best_max,
            reported_at=package.best_at,
        )
        for package in packages
    }


def best_results(*, user_ids, package_ids):
    """{(user id, package id): ActivityResult} of every learner's best result in each package,
    in one query; pairs without a result are absent. Titles are the caller's."""
    user_ids, package_ids = list(user_ids), list(package_ids)
    if not user_ids or not package_ids:
        return {}
    best = {}
    rows = H5PResult.objects.filter(user_id__in=user_ids, package_id__in=package_ids).values_list(
        "user_id", "package_id", "raw", "max", "created_at"
    )
    for user_id, package_id, raw, maximum, reported_at in rows:
        key = (user_id, package_id)
        if maximum and _better((raw, maximum, reported_at), best.get(key)):
            best[key] = (raw, maximum, reported_at)
    return {
        key: ActivityResult(package_id=key[1], raw=raw, max=maximum, reported_at=reported_at)
        for key, (raw, maximum, reported_at) in best.items()
    }
