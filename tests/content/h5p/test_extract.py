"""extract_package streams the accepted members, and only them."""

import json
import random
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from content.h5p.package import PackageExtractionError, extract_package
from content.h5p.package.archive import CHUNK_SIZE
from tests.content.h5p.builder import FIXTURES, LIBRARY, build_package, validate


class Collector:
    """A writer keeping what it is given, checking it is given chunks, not whole files."""

    def __init__(self):
        self.files = {}
        self.chunk_sizes = []

    def __call__(self, relative_path, chunks):
        assert not isinstance(chunks, bytes | bytearray)
        data = bytearray()
        for chunk in chunks:
            self.chunk_sizes.append(len(chunk))
            data += chunk
        self.files[relative_path] = bytes(data)


def _extract(path, report, write):
    with open(path, "rb") as fileobj:
        return extract_package(fileobj, report, write)


def test_extract_writes_only_accepted_files(tmp_path):
    big = random.Random(3).randbytes(300_000)
    path = build_package(
        tmp_path,
        extra_members=[
            ("content/", b""),
            ("content/images/photo.png", b"\x89PNG..."),
            ("content/videos/clip.mp4", big),
            (".DS_Store", b"\x00"),
            ("__MACOSX/content/._photo.png", b"\x00"),
            ("content/_notes/dwsync.xml", b"<x/>"),
            ("README.txt", b"read me"),
        ],
    )
    report = validate(path)
    assert report.ok, report.messages()
    writer = Collector()

    written = _extract(path, report, writer)

    assert written == [
        "h5p.json",
        "content/content.json",
        f"{LIBRARY}/library.json",
        f"{LIBRARY}/language/fr.json",
        f"{LIBRARY}/semantics.json",
        f"{LIBRARY}/simple-question.css",
        f"{LIBRARY}/simple-question.js",
        "content/images/photo.png",
        "content/videos/clip.mp4",
    ]
    assert list(writer.files) == written
    assert writer.files["content/videos/clip.mp4"] == big
    assert (
        writer.files[f"{LIBRARY}/simple-question.js"]
        == (FIXTURES / LIBRARY / "simple-question.js").read_bytes()
    )
    assert max(writer.chunk_sizes) <= CHUNK_SIZE
    assert sum(1 for size in writer.chunk_sizes if size == CHUNK_SIZE) >= 4  # streamed


def test_extract_to_a_folder(tmp_path):
    path = build_package(tmp_path)
    report = validate(path)
    target = tmp_path / "out"

    def write(relative_path, chunks):
        destination = target.joinpath(*PurePosixPath(relative_path).parts)
        assert destination.resolve().is_relative_to(target.resolve())
        destination.parent.mkdir(parents=True, exist_ok=True)
        with open(destination, "wb") as out:
            for chunk in chunks:
                out.write(chunk)

    written = _extract(path, report, write)

    on_disk = sorted(
        str(p.relative_to(target).as_posix()) for p in target.rglob("*") if p.is_file()
    )
    assert on_disk == sorted(written)
    assert json.loads((target / "content" / "content.json").read_bytes()) == json.loads(
        (FIXTURES / "content" / "content.json").read_bytes()
    )


def test_extract_refuses_an_invalid_report(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/evil.php", b"<?php")])
    report = validate(path)
    assert not report.ok

    with pytest.raises(PackageExtractionError):
        _extract(path, report, Collector())


def test_extract_refuses_an_archive_changed_since_validation(tmp_path):
    path = build_package(tmp_path)
    report = validate(path)
    other = build_package(tmp_path, name="other.h5p", extra_members=[("content/a.png", b"x")])
    Path(path).write_bytes(other.read_bytes())

    with pytest.raises(PackageExtractionError):
        _extract(path, report, Collector())


def test_extract_refuses_a_member_changed_since_validation(tmp_path):
    path = build_package(tmp_path)
    report = validate(path)
    other = build_package(tmp_path, name="other.h5p", mutate=lambda s: s.h5p.update(title="T"))
    Path(path).write_bytes(other.read_bytes())

    with pytest.raises(PackageExtractionError, match="changed"):
        _extract(path, report, Collector())


def test_extract_checks_the_data_again(tmp_path):
    path = build_package(
        tmp_path,
        extra_members=[("content/notes.txt", b"0123456789" * 100)],
        compression=zipfile.ZIP_STORED,
    )
    report = validate(path)
    assert report.ok
    data = bytearray(path.read_bytes())
    data[data.find(b"0123456789" * 10) + 5] ^= 0xFF  # damaged after validation
    path.write_bytes(bytes(data))

    with pytest.raises(PackageExtractionError) as caught:
        _extract(path, report, Collector())

    assert caught.value.issue.code == "corrupt_member"
    assert "content/notes.txt" in str(caught.value)


def test_extract_verifies_members_the_writer_did_not_read(tmp_path):
    path = build_package(tmp_path)
    report = validate(path)
    seen = []

    written = _extract(path, report, lambda relative_path, chunks: seen.append(relative_path))

    assert written == seen
