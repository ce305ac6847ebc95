"""Sessions that bring the signed-in user with them: one query instead of two (issue 11).

Django reads the session row, then `auth.get_user` reads the user row by the id stored inside
the session. Here the session row also carries that id in a column (`SignedInSession.user`), so
the session is read with its user joined, and `get_user` takes the user from there. Every check
Django makes still runs: the backend named in the session must be configured, the account active
(as the backend decides), and the session's password hash must match (a password change or a
`SECRET_KEY` rotation still signs the session out). Anything else falls back to Django's own
`auth.get_user`.
"""

from functools import partial

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware, auser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from learning.people.models import SignedInSession

_NOT_READ = object()


class SessionStore(DatabaseSessionStore):
    """SESSION_ENGINE = "learning.people.sessions"."""

    def __init__(self, session_key=None):
        super().__init__(session_key)
        self.joined_user = _NOT_READ

    @classmethod
    def get_model_class(cls):
        return SignedInSession

    def _get_session_from_db(self):
        try:
            # The profile too: its time zone is activated on every page (issue 15).
            row = self.model.objects.select_related("user", "user__profile").get(
                session_key=self.session_key, expire_date__gt=timezone.now()
            )
        except self.model.DoesNotExist:
            self._session_key = None
            return None
        except SuspiciousOperation:
            # As Django's store: a malformed key reads as no session.
            self._session_key = None
            return None
        self.joined_user = row.user
        return row

    def create_model_instance(self, data):
        row = super().create_model_instance(data)
        user_id = data.get(auth.SESSION_KEY)
        row.user_id = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        return row


def get_user(request):
    """`auth.get_user`, with the user the session row brought when that is the whole story."""
    session = request.session
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return auth.get_user(request)
    joined = getattr(session, "joined_user", _NOT_READ)
    if joined is _NOT_READ or joined is None or joined.pk != user_id:
        return auth.get_user(request)
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    backend = auth.load_backend(backend_path)
    # Only backends that read the user by primary key, as the join does; others decide alone.
    if not isinstance(backend, ModelBackend) or type(backend).get_user is not ModelBackend.get_user:
        return auth.get_user(request)
    if not backend.user_can_authenticate(joined):
        return auth.get_user(request)
    session_hash = session.get(auth.HASH_SESSION_KEY)
    if session_hash and constant_time_compare(session_hash, joined.get_session_auth_hash()):
        return joined
    # A hash from an older secret, or none: Django's path rotates or flushes the session.
    return auth.get_user(request)


def _cached_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class JoinedUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, reading the user through `get_user` above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))
        request.auser = partial(auser, request)
