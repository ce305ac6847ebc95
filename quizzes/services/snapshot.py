"""What an attempt records of the learner who makes it, at the time they make it.

The snapshot (role, region, consent) and the course and training session are copied onto the
attempt so indicators never need the account, which an anonymous survey does not keep.
"""

import hashlib
import hmac

from django.conf import settings

from learning.people.models import Enrolment


def respondent_key_for(*, user):
    """Keyed hash of the learner: stable across surveys, not reversible without the secret."""
    secret = (settings.PSR_RESPONDENT_SECRET or settings.SECRET_KEY).encode()
    message = f"psr-learn/respondent/{user.pk}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def profile_snapshot(user):
    profile = getattr(user, "profile", None)
    return {
        "role": getattr(profile, "role", "") or "",
        "region": getattr(profile, "region", "") or "",
        "counts_for_evaluation": getattr(profile, "evaluation_consent", None) is True,
    }


def course_and_cohort(*, user, quiz, course):
    course = quiz.course or course
    if course is None:
        return None, None
    enrolment = Enrolment.objects.filter(user=user, course=course).only("cohort_id").first()
    return course, (enrolment.cohort_id if enrolment else None)
