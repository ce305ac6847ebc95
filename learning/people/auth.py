"""Who is logging in, and from where: what django-axes and the rate limits count against."""

import ipaddress

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model


def _typed_identifier(request, credentials):
    """The name typed, which field it came in, or (None, None)."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return key, str(credentials[key]).strip().lower()
    data = getattr(request, "POST", {}) or {}
    for key in ("login", "username", "email"):
        if data.get(key):
            return key, str(data[key]).strip().lower()
    return None, None


def _account_by_username(identifier):
    return get_user_model().objects.filter(username__iexact=identifier).first()


def _account_by_email(identifier):
    address = EmailAddress.objects.filter(email__iexact=identifier).select_related("user")
    found = address.first()
    if found is not None:
        return found.user
    return get_user_model().objects.filter(email__iexact=identifier).order_by("pk").first()


def login_identifier(request, credentials):
    """What django-axes counts failures against: the account, whatever name was typed.

    `trainer`, `Trainer@Example.org` and the account's other email addresses all count as the
    one account (its username, in lower case), so a lockout cannot be stepped around by typing
    another name for it. A name matching no account is counted as typed.
    """
    key, identifier = _typed_identifier(request, credentials)
    if not identifier:
        return None
    # The field says which the backend will try first (the site asks for an email, the admin
    # for a username), so a username that looks like someone else's email cannot shadow them.
    lookups = (_account_by_username, _account_by_email)
    if key == "email" or (key == "login" and "@" in identifier):
        lookups = lookups[::-1]
    for lookup in lookups:
        user = lookup(identifier)
        if user is not None:
            return user.get_username().strip().lower()
    return identifier


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """The visitor's address, behind TRUSTED_PROXY_COUNT proxies that each append to
    X-Forwarded-For the address they received the request from.

    The client is then the entry that many places from the right: the entries to its left were
    written by the client itself and are not trusted. With no proxy, REMOTE_ADDR is the client
    and X-Forwarded-For is ignored (anyone can send one).
    """
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104 - no address
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    if len(forwarded) < count:
        # Fewer hops than configured: the request did not come through every proxy (a health
        # check, a misconfiguration); the nearest one's word is all there is.
        return _address(forwarded[0]) if forwarded else remote
    return _address(forwarded[-count]) or remote


def user_display(user):
    """How allauth names the person in its messages ("Successfully signed in as …"): their
    name, else their email; never the username generated at sign-up (issue 14)."""
    return user.get_full_name() or user.email or user.get_username()
