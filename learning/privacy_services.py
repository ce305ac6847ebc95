"""Writes for the privacy pages: erasing a person's account."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from .privacy import login_identifier_filter
from .services import account_delete

logger = logging.getLogger(__name__)


@transaction.atomic
def account_erase(*, user):
    """Delete the person and their login records; returns the AccountDeletion log row.

    django-axes keeps the names and addresses of logins and failed attempts under the
    username or email typed, with no link to the account, so they would outlive it.
    Returns None, and writes no log, when the account is already gone (a double submit).
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    # Lock the person's row so two submissions cannot both delete (and log) the account.
    if not get_user_model().objects.select_for_update().filter(pk=user.pk).exists():
        return None
    condition = login_identifier_filter(user=user)
    removed = sum(
        model.objects.filter(condition).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
    log = account_delete(user=user)
    # Counts and the log's id only: nothing that names the person.
    logger.info("account erased: deletion log %s, %d login records removed", log.pk, removed)
    return log
