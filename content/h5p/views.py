"""H5P for learners: the package files and the player's saved state.

The results the player reports (xAPI) are received by learning.progress.views.h5p_xapi: what
they count for belongs to the layers above content."""

import mimetypes
import posixpath

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from learning.inputs import InputError, parse_json

from .localised import stored_names
from .models import H5PPackage, H5PUserState
from .player import STORAGE_KEY
from .services import h5p_state_save
from .storage import h5p_storage

STATE_MAX_BYTES = 64 * 1024

# Package files are served with a type picked here from the extension, never sniffed and
# never a page type: HTML and XML are downloads, and every response forbids scripts and
# framing should it be opened as a document (SVG included).
SAFE_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "txt": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "webvtt": "text/vtt; charset=utf-8",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
MEDIA_PREFIXES = ("image/", "audio/", "video/")
DOWNLOAD_TYPES = {"html", "htm", "xhtml", "xml", "swf"}
CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; " + (
    "style-src 'unsafe-inline'; frame-ancestors 'self'"
)


def _content_type(path):
    extension = posixpath.splitext(path)[1].lower().lstrip(".")
    if extension in DOWNLOAD_TYPES:
        return "application/octet-stream", True
    if extension in SAFE_TYPES:
        return SAFE_TYPES[extension], False
    guessed, _encoding = mimetypes.guess_type(path)
    if guessed and guessed.startswith(MEDIA_PREFIXES):
        return guessed, False
    if guessed in ("application/pdf",):
        return guessed, True
    return "application/octet-stream", True


def _clean_path(path):
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    segments = path.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    return path


def _open_first(names):
    """The first of these stored files that exists (localised.py's fallbacks), else 404."""
    storage = h5p_storage()
    for name in names:
        try:
            return storage.open(name, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, OSError):
            continue
    raise Http404


@require_GET
def h5p_content(request, key, path):
    """A file of an unpacked package, from the H5P storage (never MEDIA_ROOT): the only way to
    it. Public: the key is unguessable; in production this is reached on H5P_CONTENT_ORIGIN,
    which has no cookies. ``_l10n/<lang>/`` is the content folder for readers of another
    language (localised.py)."""
    path = _clean_path(path)
    if not STORAGE_KEY.fullmatch(key) or path is None:
        raise Http404
    fileobj = _open_first(stored_names(key, path))
    content_type, download = _content_type(path)
    response = FileResponse(
        fileobj,
        content_type=content_type,
        as_attachment=download,
        filename=posixpath.basename(path) if download else None,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    # The player fetches h5p.json, content.json and library.json with fetch(): on a separate
    # content origin that is a cross-origin read, without credentials.
    response["Access-Control-Allow-Origin"] = "*"
    # A package's files never change under its key.
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response


def json_error(message, *, status, code):
    return JsonResponse({"code": code, "message": str(message)}, status=status)


def signed_in(request):
    return request.user.is_authenticated


def body_too_large(request, limit):
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    return declared > limit or len(request.body) > limit


@require_http_methods(["GET", "POST"])
def h5p_state(request, package_id):
    """The learner's saved player state for a package: GET it, POST to replace it.

    POST takes JSON ``{"data": "<the player's state, a JSON string>"}``; ``null`` clears it.
    """
    if not signed_in(request):
        return json_error(_("Log in to save your progress."), status=403, code="login_required")
    package = get_object_or_404(H5PPackage, pk=package_id)
    if request.method == "GET":
        state = H5PUserState.objects.filter(user=request.user, package=package).first()
        return JsonResponse({"data": state.data if state else None})
    if body_too_large(request, STATE_MAX_BYTES):
        return json_error(
            _("Your progress in this activity is too large to be saved (64 KB at most)."),
            status=413,
            code="state_too_large",
        )
    try:
        payload = parse_json(request.body)
    except InputError:
        payload = None
    data = payload.get("data", ...) if isinstance(payload, dict) else ...
    if data is not None and not isinstance(data, str):
        return json_error(_("The saved state is not valid."), status=400, code="invalid_state")
    if data is not None:
        try:
            parse_json(data)
        except InputError:
            return json_error(_("The saved state is not valid."), status=400, code="invalid_state")
    h5p_state_save(user=request.user, package=package, data=data)
    return HttpResponse(status=204)
