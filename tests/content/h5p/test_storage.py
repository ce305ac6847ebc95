"""Package files live outside MEDIA_ROOT and are reachable only through the sandboxed
/h5p-content/ view (issue 13: an SVG and an XML file ran scripts when opened from MEDIA_URL)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from content.h5p.models import H5PPackage
from tests.content.h5p.builder import LIBRARY, build_package
from tests.content.h5p.conftest import stored_files
from tests.content.h5p.test_admin import error_texts, post_package

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
XML = b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'
MEMBERS = {f"{LIBRARY}/evil.svg": SVG, f"{LIBRARY}/evil.xml": XML}


def content_url(package, path):
    return reverse("h5p_content", args=[package.storage_key, path])


def assert_sandboxed(response):
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploaded_files_are_outside_media_root_and_served_sandboxed(
    client, trainer, media_root, h5p_root, tmp_path, settings
):
    client.force_login(trainer)
    path = build_package(tmp_path, extra_members=list(MEMBERS.items()))
    response = post_package(client, path)
    assert response.status_code == 302, error_texts(response)
    package = H5PPackage.objects.get()
    # Nothing in MEDIA_ROOT, so nothing a proxy serves at MEDIA_URL can reach the files…
    assert stored_files(media_root) == []
    assert f"h5p/{package.storage_key}/{LIBRARY}/evil.svg" in stored_files(h5p_root)
    media_url = f"{settings.MEDIA_URL}h5p/{package.storage_key}/{LIBRARY}/evil.svg"
    assert client.get(media_url).status_code == 404
    # …and the content view serves them with the sandbox.
    svg = client.get(content_url(package, f"{LIBRARY}/evil.svg"))
    assert_sandboxed(svg)
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"".join(svg.streaming_content) == SVG
    xml = client.get(content_url(package, f"{LIBRARY}/evil.xml"))
    assert_sandboxed(xml)
    assert xml["Content-Type"] == "application/octet-stream"
    assert xml["Content-Disposition"].startswith("attachment")
    # The player's files come through the same view: the upload works end to end.
    h5p_json = client.get(content_url(package, "h5p.json"))
    assert h5p_json.status_code == 200 and h5p_json["Content-Type"] == "application/json"


def test_h5p_root_is_not_under_media_root(settings):
    assert not str(settings.H5P_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_files_unpacked_into_media_root_before_are_moved(client, h5p_package, media_root, h5p_root):
    """Packages from before issue 13: their files were in default storage (MEDIA_ROOT)."""
    key = h5p_package.storage_key
    old = stored_files(h5p_root)
    for name in old:
        default_storage.save(name, ContentFile((h5p_root / name).read_bytes()))
    legacy = H5PPackage.objects.create(title_en="Old", title_fr="Vieux", storage_key="a" * 32)
    default_storage.save(f"h5p/{legacy.storage_key}/{LIBRARY}/evil.svg", ContentFile(SVG))
    assert client.get(content_url(legacy, f"{LIBRARY}/evil.svg")).status_code == 404

    output = io.StringIO()
    call_command("h5p_move_files", stdout=output)
    assert "file(s) moved" in output.getvalue()

    assert stored_files(media_root) == []
    assert not (media_root / "h5p" / key).exists()
    assert_sandboxed(client.get(content_url(legacy, f"{LIBRARY}/evil.svg")))
    assert set(old) <= set(stored_files(h5p_root))
    call_command("h5p_move_files", stdout=io.StringIO())  # again: nothing left to move
    assert_sandboxed(client.get(content_url(legacy, f"{LIBRARY}/evil.svg")))
