"""Packages H5P core accepts, including the quirks of real exports, pass."""

import zipfile

from content.h5p.package import LibraryInfo
from tests.content.h5p.builder import LIBRARY, LIBRARY_KEY, build_package, patch_member, validate


def test_valid_package_report(tmp_path):
    path = build_package(tmp_path)

    report = validate(path)

    assert report.ok, report.messages()
    assert report.issues == []
    assert report.title == "Sponsorship undertaking"
    assert report.language == "en"
    assert report.main_library == "PSRLearn.SimpleQuestion-1.0"
    assert report.embed_types == ["iframe"]
    assert report.preloaded_dependencies == [
        {"machineName": "PSRLearn.SimpleQuestion", "majorVersion": 1, "minorVersion": 0}
    ]
    assert report.content_files == ["content/content.json"]
    assert list(report.libraries) == [LIBRARY_KEY]
    library = report.libraries[LIBRARY_KEY]
    assert library == LibraryInfo(
        machine_name="PSRLearn.SimpleQuestion",
        major_version=1,
        minor_version=0,
        patch_version=0,
        title="PSR Learn simple question",
        runnable=True,
        folder=LIBRARY,
        preloaded_js=("simple-question.js",),
        preloaded_css=("simple-question.css",),
    )
    assert library.key == LIBRARY_KEY
    assert {m.path for m in report.members} == {
        "h5p.json",
        "content/content.json",
        f"{LIBRARY}/library.json",
        f"{LIBRARY}/language/fr.json",
        f"{LIBRARY}/semantics.json",
        f"{LIBRARY}/simple-question.js",
        f"{LIBRARY}/simple-question.css",
    }


def test_valid_package_stored_without_compression(tmp_path):
    path = build_package(tmp_path, compression=zipfile.ZIP_STORED)

    assert validate(path).ok


def test_ignored_files_do_not_fail(tmp_path):
    path = build_package(
        tmp_path,
        extra_members=[
            (".DS_Store", b"\x00\x00\x00\x01Bud1"),
            ("content/.DS_Store", b"\x00"),
            ("__MACOSX/._h5p.json", b"\x00\x05\x16\x07"),
            ("__MACOSX/content/._content.json", b"\x00\x05\x16\x07"),
            ("content/_notes/dwsync.xml", b"<dwsync/>"),
            ("_notes/evil.php", b"<?php"),
            (f"{LIBRARY}/.eslintrc.js", b"module.exports = {};"),
            ("README.txt", b"Exported from h5p.org"),
            ("build.sh", b"#!/bin/sh"),
        ],
    )

    report = validate(path)

    assert report.ok, report.messages()
    assert report.content_files == ["content/content.json"]
    member_paths = {m.path for m in report.members}
    assert "README.txt" not in member_paths
    assert not any("_notes" in p or "MACOSX" in p or "DS_Store" in p for p in member_paths)


def test_ignored_files_still_get_the_safety_checks(tmp_path):
    path = build_package(
        tmp_path,
        extra_members=[
            ("__MACOSX/../../evil.json", b"{}"),
            ("_notes/zeros.txt", bytes(2 * 1024**2)),
        ],
    )

    report = validate(path)

    assert {"path_traversal", "zip_bomb_ratio"} <= set(report.codes)


def test_version_numbers_written_as_strings_pass(tmp_path):
    def stringify(spec):
        spec.library.update(majorVersion="1", minorVersion="0", patchVersion="3", runnable="1")
        spec.h5p["preloadedDependencies"][0].update(majorVersion="1", minorVersion="0")

    report = validate(build_package(tmp_path, mutate=stringify))

    assert report.ok, report.messages()
    assert report.main_library == LIBRARY_KEY
    assert report.libraries[LIBRARY_KEY].patch_version == 3
    assert report.preloaded_dependencies[0]["majorVersion"] == 1


def test_runnable_as_boolean_passes(tmp_path):
    def boolean(spec):
        spec.library["runnable"] = True

    report = validate(build_package(tmp_path, mutate=boolean))

    assert report.ok, report.messages()
    assert report.libraries[LIBRARY_KEY].runnable is True


def test_editor_library_beside_the_runtime_library_passes(tmp_path):
    def add_editor(spec):
        folder = spec.add_library(
            "H5PEditor.Foo",
            1,
            0,
            preloadedJs=[{"path": "scripts/foo.js"}],
            preloadedCss=[{"path": "styles/foo.css"}],
        )
        spec.files[f"{folder}/scripts/foo.js"] = b"H5PEditor.Foo = {};"
        spec.files[f"{folder}/styles/foo.css"] = b".foo {}"
        spec.files[f"{folder}/language/fr.json"] = b'{"semantics": []}'
        spec.files[f"{folder}/icon.svg"] = b"<svg/>"
        # Core also lists editorDependencies; sites have them installed, packages may not.
        spec.library["editorDependencies"] = [
            {"machineName": "H5PEditor.Foo", "majorVersion": 1, "minorVersion": 0},
            {"machineName": "H5PEditor.ColorSelector", "majorVersion": 1, "minorVersion": 3},
        ]

    report = validate(build_package(tmp_path, mutate=add_editor))

    assert report.ok, report.messages()
    assert set(report.libraries) == {LIBRARY_KEY, "H5PEditor.Foo-1.0"}
    assert report.libraries[LIBRARY_KEY].editor_dependencies == (
        "H5PEditor.Foo-1.0",
        "H5PEditor.ColorSelector-1.3",
    )


def test_library_dependency_present_passes(tmp_path):
    def add_dependency(spec):
        folder = spec.add_library("H5P.FontIcons", 1, 0, preloadedCss=[{"path": "icons.css"}])
        spec.files[f"{folder}/icons.css"] = b""
        spec.files[f"{folder}/fonts/icons.woff2"] = b"wOF2"
        spec.library["preloadedDependencies"] = [
            {"machineName": "H5P.FontIcons", "majorVersion": "1", "minorVersion": 0}
        ]

    report = validate(build_package(tmp_path, mutate=add_dependency))

    assert report.ok, report.messages()
    assert report.libraries[LIBRARY_KEY].preloaded_dependencies == ("H5P.FontIcons-1.0",)


def test_library_folder_named_without_version_passes(tmp_path):
    def rename(spec):
        spec.rename_library(LIBRARY, "PSRLearn.SimpleQuestion")

    report = validate(build_package(tmp_path, mutate=rename))

    assert report.ok, report.messages()
    assert report.libraries[LIBRARY_KEY].folder == "PSRLearn.SimpleQuestion"


def test_metadata_as_real_exports_write_it_passes(tmp_path):
    def metadata(spec):
        spec.h5p.update(
            title="Parrainage : l'engagement",
            language="fr",
            embedTypes=["div", "iframe"],
            license="CC BY-SA",
            licenseVersion="4.0",
            authors=[{"name": "PSR Learn", "role": "Author"}],
            source="https://example.org/psr",
            yearFrom=2024,
            defaultLanguage="fr",
            extraTitle="Parrainage",
            changes=[{"date": "04-06-24 10:15:00", "author": "PSR Learn", "log": "First"}],
            authorComments="",
        )

    report = validate(build_package(tmp_path, mutate=metadata))

    assert report.ok, report.messages()
    assert report.title == "Parrainage : l'engagement"
    assert report.embed_types == ["div", "iframe"]


def test_language_und_passes(tmp_path):
    report = validate(build_package(tmp_path, mutate=lambda spec: spec.h5p.update(language="und")))

    assert report.ok, report.messages()
    assert report.language == "und"


def test_content_media_and_folder_entries_pass(tmp_path):
    path = build_package(
        tmp_path,
        extra_members=[
            ("content/", b""),
            ("content/images/", b""),
            ("content/images/photo-1.JPG", b"\xff\xd8\xff"),
            ("content/videos/clip.mp4", b"\x00\x00\x00\x18ftyp"),
            ("content/audios/clip.mp3", b"ID3"),
            ("content/files/guide.pdf", b"%PDF-1.7"),
            ("content/images/bg.xml", b"<x/>"),
            (f"{LIBRARY}/", b""),
            (f"{LIBRARY}/images/check.svg", b"<svg/>"),
        ],
    )

    report = validate(path)

    assert report.ok, report.messages()
    assert report.content_files == [
        "content/content.json",
        "content/images/photo-1.JPG",
        "content/videos/clip.mp4",
        "content/audios/clip.mp3",
        "content/files/guide.pdf",
        "content/images/bg.xml",
    ]


def test_utf8_names_without_the_utf8_flag_pass(tmp_path):
    # Many zip tools (macOS Archive Utility, Info-ZIP) write UTF-8 names without flag 0x800.
    path = build_package(tmp_path, extra_members=[("content/café.png", b"x")])
    patch_member(path, "content/café.png", clear_flags=0x800)
    with zipfile.ZipFile(path) as zf:
        assert "content/café.png" not in zf.namelist()  # zipfile alone reads it as cp437

    report = validate(path)

    assert report.ok, report.messages()
    assert "content/café.png" in report.content_files
