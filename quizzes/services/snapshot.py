"""What an attempt records of the learner who makes it, at the time they make it.

The snapshot (role, region, consent) and the course and training session are copied onto the
attempt so indicators never need the account, which an anonymous survey does not keep.
"""

import hashlib
import hmac

from django.conf import settings
from django.db.models import Q

from learning.people.models import Enrolment

from ..models import Attempt, Quiz


def respondent_key(*, user_id, scope):
    """HMAC-SHA256 of the learner's id within a scope, with PSR_RESPONDENT_SECRET."""
    secret = (settings.PSR_RESPONDENT_SECRET or settings.SECRET_KEY).encode()
    message = f"psr-learn/respondent/{scope}/{user_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def respondent_key_for(*, user, quiz):
    """The learner's key for one anonymous quiz: a different key in every quiz, except quizzes
    that share a pairing (Quiz.pairing), where it is the same so pre/post pairs match. Not
    reversible, and not comparable across quizzes, without the secret (README, Anonymous
    responses)."""
    return respondent_key(user_id=user.pk, scope=quiz.respondent_scope)


def respondent_keys_for(*, user):
    """{quiz id: the learner's key there} for every quiz that is anonymous or holds anonymous
    responses, in one query. Computed when asked, never stored with the account."""
    quizzes = Quiz.objects.filter(
        Q(anonymous=True) | Q(pk__in=Attempt.objects.exclude(respondent_key="").values("quiz_id"))
    ).only("pk", "pairing")
    return {quiz.pk: respondent_key_for(user=user, quiz=quiz) for quiz in quizzes}


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
