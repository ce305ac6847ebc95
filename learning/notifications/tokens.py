"""The signed link in each reminder that turns reminders off with no sign-in (issue 15).

It names the account and nothing else; it does not expire, so a months-old email still works,
and it only ever turns reminders off (turning them on takes signing in)."""

from django.contrib.auth import get_user_model
from django.core import signing

SALT = "learning.notifications.reminders-off"


def reminders_off_token(user):
    return signing.dumps(user.pk, salt=SALT, compress=True)


def user_for_token(token):
    """The account a token was made for, or None when it is forged or the account is gone."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
