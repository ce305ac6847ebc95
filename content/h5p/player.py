"""What the lesson page gives the H5P player: file URLs, saved state, endpoints."""

import re
import secrets
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from .core_strings import core_translations
from .localised import FOLDER, SOURCE_LANGUAGE, translated_languages
from .models import H5PUserState

STORAGE_KEY = re.compile(r"[0-9a-f]{32}")
# Seconds between two saves of the learner's state.
SAVE_FREQUENCY = 15


def content_base_path(package):
    """/h5p-content/<storage_key>: the folder that holds h5p.json (no trailing slash)."""
    url = reverse("h5p_content", args=[package.storage_key, "h5p.json"])
    return url[: -len("/h5p.json")]


def content_base_url(package, request=None):
    """The package folder's URL: on H5P_CONTENT_ORIGIN when it is set, else on this site
    (absolute when a request is given)."""
    path = content_base_path(package)
    origin = getattr(settings, "H5P_CONTENT_ORIGIN", "")
    if origin:
        return origin + path
    return request.build_absolute_uri(path) if request is not None else path


def object_iri(package, request=None):
    """The xAPI object id the player reports for the package (sub-contents add a query)."""
    return content_base_url(package, request)


def object_belongs_to(package, object_id):
    """True when an xAPI object id names this package, or one of its sub-contents."""
    if not isinstance(object_id, str) or len(object_id) > 2000:
        return False
    parts = urlsplit(object_id)
    if parts.scheme not in ("http", "https") or parts.fragment:
        return False
    if parts.path != content_base_path(package):
        return False
    if not parts.query:
        return True
    query = parse_qs(parts.query, keep_blank_values=True)
    return set(query) == {"subContentId"} and len(query["subContentId"]) == 1


def saved_state(*, user, package):
    if not user.is_authenticated:
        return None
    return (
        H5PUserState.objects.filter(user=user, package=package).values_list("data", flat=True)
    ).first()


def language_options(request, package):
    """Off English pages: H5P core's strings (``translations``) and, for a package written in
    another language than the page's, the content folder with its content types' strings
    translated (``contentJsonPath``, localised.py)."""
    language = (translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    if language == SOURCE_LANGUAGE:
        return {}
    options = {"translations": core_translations()}
    written_in = (package.language or "").split("-")[0].lower()
    if language in translated_languages() and written_in != language:
        options["contentJsonPath"] = f"{content_base_url(package, request)}/{FOLDER}/{language}"
    return options


def player_config(*, request, package, lesson=None):
    """The options for ``new H5PStandalone.H5P(element, options)`` and our own script."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    config = {
        # Unique on the page, even when a package is used twice.
        "id": f"h5p-{package.pk}-{secrets.token_hex(4)}",
        "h5pJsonPath": content_base_url(package, request),
        "frameJs": static("vendor/h5p-standalone/frame.bundle.js"),
        "frameCss": static("vendor/h5p-standalone/styles/h5p.css"),
        "mainJs": static("vendor/h5p-standalone/main.bundle.js"),
        "fullScreen": True,
        "frame": False,
        "xAPIObjectIRI": object_iri(package, request),
        "signedIn": signed_in,
    }
    config.update(language_options(request, package))
    if signed_in:
        state = saved_state(user=user, package=package)
        config.update(
            {
                "saveFreq": SAVE_FREQUENCY,
                "stateUrl": reverse("h5p_state", args=[package.pk]),
                "xapiUrl": reverse("h5p_xapi", args=[package.pk]),
                "csrfToken": get_token(request),
                "lesson": lesson.pk if lesson is not None else None,
            }
        )
        if state:
            config["contentUserData"] = [{"state": state}]
    return config
