"""Anonymous responses (issue 12, README "Anonymous responses"):

- `Quiz.pairing`: the scope of respondent keys. Anonymous quizzes that a pre/post indicator
  already compares get the same pairing, so their pairs still match.
- Respondent keys become one per quiz (or pairing). The old key was HMAC(secret, user id), the
  same in every survey; the stored rows do not say whose they are, but every learner's old key
  can be computed again: for each account, its old key is matched against the stored keys and
  the rows found get the new key for their quiz. This needs the secret the keys were made with:
  settings always have one (PSR_RESPONDENT_SECRET, else SECRET_KEY), and it must be the same
  as when the responses were given. Responses of accounts deleted since keep their old key,
  which no one can compute for anyone any more.
- Anonymous attempts and their answers get random negative ids, and their times only the
  month (quizzes/services/anonymity.py), as new ones do.

The formulas are copied here, not imported, so that this migration keeps doing what it did
when the services change.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from django.utils.text import slugify

PRE_POST_CHANGE = "pre_post_change"
MAX_ATTEMPT_ID = 2**53 - 1
MAX_ANSWER_ID = 2**63 - 1


def _secret():
    return (settings.PSR_RESPONDENT_SECRET or settings.SECRET_KEY).encode()


def _hmac(secret, message):
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def old_key(secret, user_id):
    return _hmac(secret, f"psr-learn/respondent/{user_id}")


def new_key(secret, scope, user_id):
    return _hmac(secret, f"psr-learn/respondent/{scope}/{user_id}")


def scope_of(quiz):
    return f"pairing/{quiz.pairing}" if quiz.pairing else f"quiz/{quiz.pk}"


def coarse(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def pair_compared_quizzes(apps):
    """Anonymous quizzes read by one pre/post indicator share a pairing named after it."""
    Indicator = apps.get_model("quizzes", "Indicator")
    Question = apps.get_model("quizzes", "Question")
    Quiz = apps.get_model("quizzes", "Quiz")
    anonymous = set(Quiz.objects.filter(anonymous=True).values_list("pk", flat=True))
    group_of = {}  # quiz id -> pairing code
    for indicator in Indicator.objects.filter(kind=PRE_POST_CHANGE).order_by("pk"):
        quiz_ids = (
            set(
                Question.objects.filter(
                    models.Q(indicators=indicator) | models.Q(pre_indicators=indicator)
                ).values_list("quiz_id", flat=True)
            )
            & anonymous
        )
        if len(quiz_ids) < 2:
            continue
        existing = {group_of[pk] for pk in quiz_ids if pk in group_of}
        code = min(existing) if existing else slugify(f"pre-post-{indicator.code}")[:50]
        for pk, group in list(group_of.items()):
            if group in existing:
                group_of[pk] = code
        for pk in quiz_ids:
            group_of[pk] = code
    for pk, code in group_of.items():
        Quiz.objects.filter(pk=pk).update(pairing=code)


def rekey(apps, *, forwards):
    Attempt = apps.get_model("quizzes", "Attempt")
    Quiz = apps.get_model("quizzes", "Quiz")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    secret = _secret()
    quizzes = {quiz.pk: quiz for quiz in Quiz.objects.only("pk", "pairing")}
    user_ids = list(User.objects.values_list("pk", flat=True))
    if forwards:
        owners = {old_key(secret, user_id): user_id for user_id in user_ids}
    else:
        owners = {
            (quiz_id, new_key(secret, scope_of(quiz), user_id)): user_id
            for quiz_id, quiz in quizzes.items()
            for user_id in user_ids
        }
    stored = Attempt.objects.exclude(respondent_key="").values_list(
        "pk", "quiz_id", "respondent_key"
    )
    for pk, quiz_id, key in stored.iterator():
        if forwards:
            user_id = owners.get(key)
            changed = new_key(secret, scope_of(quizzes[quiz_id]), user_id) if user_id else None
        else:
            user_id = owners.get((quiz_id, key))
            changed = old_key(secret, user_id) if user_id else None
        if changed:
            Attempt.objects.filter(pk=pk).update(respondent_key=changed)


def random_ids_and_months(apps):
    Attempt = apps.get_model("quizzes", "Attempt")
    Answer = apps.get_model("quizzes", "Answer")
    anonymous = Attempt.objects.exclude(respondent_key="")
    # Answers first, while their attempts still have the ids they point to.
    for answer in Answer.objects.filter(attempt__in=anonymous).only("pk", "answered_at"):
        Answer.objects.filter(pk=answer.pk).update(
            id=-(secrets.randbelow(MAX_ANSWER_ID) + 1) if answer.pk > 0 else answer.pk,
            answered_at=coarse(answer.answered_at),
        )
    for attempt in anonymous.only("pk", "started_at", "submitted_at"):
        changes = {
            "started_at": coarse(attempt.started_at),
            "submitted_at": coarse(attempt.submitted_at),
        }
        Attempt.objects.filter(pk=attempt.pk).update(**changes)
        if attempt.pk > 0:
            # Foreign keys are checked at commit: the answers follow within this transaction.
            new_id = -(secrets.randbelow(MAX_ATTEMPT_ID) + 1)
            Attempt.objects.filter(pk=attempt.pk).update(id=new_id)
            Answer.objects.filter(attempt_id=attempt.pk).update(attempt_id=new_id)


def forwards(apps, schema_editor):
    pair_compared_quizzes(apps)
    rekey(apps, forwards=True)
    random_ids_and_months(apps)


def backwards(apps, schema_editor):
    # The keys go back to the old formula; ids and times, once made anonymous, stay so.
    rekey(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("quizzes", "0005_indicator_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="quiz",
            name="pairing",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "Anonymous quizzes only, when two are to be compared learner by learner "
                    "(before and after a course): give both the same pairing code. Leave it "
                    "empty otherwise: a learner's anonymous answers then cannot be matched with "
                    "any other quiz's. It cannot change once the quiz has anonymous responses."
                ),
                verbose_name="pairing",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
