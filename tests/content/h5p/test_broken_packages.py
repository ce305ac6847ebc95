"""Each kind of broken package is refused with its own issue code, naming the file."""

import random
import zipfile

import pytest

from content.h5p.package import MESSAGES, Limits
from tests.content.h5p.builder import (
    LIBRARY,
    build_package,
    issues_with,
    patch_member,
    symlink_member,
    validate,
)

LIBRARY_JSON = f"{LIBRARY}/library.json"


def _set_h5p(**fields):
    def mutate(spec):
        spec.h5p.update(fields)

    return mutate


def _del_h5p(key):
    def mutate(spec):
        del spec.h5p[key]

    return mutate


def _no_h5p_json(spec):
    spec.h5p = None


def _h5p_not_json(spec):
    spec.h5p = b'{"title": "Broken", '


def _h5p_not_utf8(spec):
    spec.h5p = '{"title": "Déclaration"}'.encode("latin-1")


def _no_content_json(spec):
    spec.content = None


def _content_not_object(spec):
    spec.content = b"[1, 2, 3]"


def _renamed_folder(spec):
    spec.rename_library(LIBRARY, "PSRLearn.Other-1.0")


def _no_patch_version(spec):
    del spec.library["patchVersion"]


def _runnable_two(spec):
    spec.library["runnable"] = 2


def _bad_version(spec):
    spec.library["majorVersion"] = "one"


def _no_js_file(spec):
    spec.files[f"{LIBRARY}/simple-question.js"] = None


def _js_path_traversal(spec):
    spec.library["preloadedJs"] = [{"path": "../H5P.Other-1.0/evil.js"}]


def _h5p_dependency_missing(spec):
    spec.h5p["preloadedDependencies"].append(
        {"machineName": "H5P.JoubelUI", "majorVersion": 1, "minorVersion": 3}
    )


def _library_dependency_missing(spec):
    spec.library["preloadedDependencies"] = [
        {"machineName": "H5P.FontIcons", "majorVersion": 1, "minorVersion": 0}
    ]


def _dependency_wrong_version(spec):
    spec.h5p["preloadedDependencies"][0]["minorVersion"] = 2


def _main_not_in_dependencies(spec):
    spec.h5p["mainLibrary"] = "PSRLearn.Missing"


def _main_not_runnable(spec):
    spec.library["runnable"] = 0


def _duplicate_library(spec):
    spec.libraries["PSRLearn.SimpleQuestion"] = dict(spec.library)
    for name in ("simple-question.js", "simple-question.css"):
        spec.files[f"PSRLearn.SimpleQuestion/{name}"] = b"/* copy */"


def _bad_library_folder_name(spec):
    spec.files["Bad Folder!/readme.txt"] = b"x"


def _folder_without_library_json(spec):
    spec.files["images/logo.png"] = b"\x89PNG"


def _semantics_not_json(spec):
    spec.files[f"{LIBRARY}/semantics.json"] = b"[{"


def _bad_language_file(spec):
    spec.files[f"{LIBRARY}/language/fr_CA.json"] = b"{}"


def _library_php(spec):
    spec.files[f"{LIBRARY}/backdoor.php"] = b"<?php system($_GET['c']);"


def _bzip2_member(name):
    # bzip2 and lzma decompress without an output bound in zipfile: refused.
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_BZIP2
    return info, b"x" * 100


# (id, build kwargs, limits, expected code, strings the message must name)
CASES = [
    ("missing h5p.json", {"mutate": _no_h5p_json}, None, "missing_h5p_json", ["h5p.json"]),
    ("h5p.json not JSON", {"mutate": _h5p_not_json}, None, "invalid_json", ["h5p.json"]),
    ("h5p.json not UTF-8", {"mutate": _h5p_not_utf8}, None, "json_not_utf8", ["h5p.json"]),
    (
        "missing content.json",
        {"mutate": _no_content_json},
        None,
        "missing_content_json",
        ["content/content.json"],
    ),
    (
        "content.json not an object",
        {"mutate": _content_not_object},
        None,
        "json_not_object",
        ["content/content.json"],
    ),
    (
        "title too long",
        {"mutate": _set_h5p(title="x" * 256)},
        None,
        "invalid_title",
        ["h5p.json", "255"],
    ),
    ("empty title", {"mutate": _set_h5p(title="")}, None, "invalid_title", ["h5p.json"]),
    (
        "bad language",
        {"mutate": _set_h5p(language="en_GB!")},
        None,
        "invalid_language",
        ["h5p.json", "en_GB!"],
    ),
    (
        "missing mainLibrary",
        {"mutate": _del_h5p("mainLibrary")},
        None,
        "missing_field",
        ["h5p.json", "mainLibrary"],
    ),
    (
        "bad mainLibrary",
        {"mutate": _set_h5p(mainLibrary="PSR Learn!")},
        None,
        "invalid_main_library",
        ["h5p.json"],
    ),
    (
        "mainLibrary not a dependency",
        {"mutate": _main_not_in_dependencies},
        None,
        "main_library_not_in_dependencies",
        ["h5p.json", "PSRLearn.Missing"],
    ),
    (
        "main library not runnable",
        {"mutate": _main_not_runnable},
        None,
        "main_library_not_runnable",
        ["h5p.json", "PSRLearn.SimpleQuestion-1.0"],
    ),
    (
        "bad embedTypes",
        {"mutate": _set_h5p(embedTypes=["popup"])},
        None,
        "invalid_embed_types",
        ["h5p.json"],
    ),
    (
        "empty embedTypes",
        {"mutate": _set_h5p(embedTypes=[])},
        None,
        "invalid_embed_types",
        ["h5p.json"],
    ),
    (
        "no dependencies",
        {"mutate": _set_h5p(preloadedDependencies=[])},
        None,
        "invalid_field",
        ["h5p.json", "preloadedDependencies"],
    ),
    (
        "bad optional license",
        {"mutate": _set_h5p(license="Proprietary")},
        None,
        "invalid_field",
        ["h5p.json", "license"],
    ),
    (
        "bad optional authors",
        {"mutate": _set_h5p(authors=[{"role": "Author"}])},
        None,
        "missing_field",
        ["h5p.json", "authors[0].name"],
    ),
    (
        "folder name does not match library.json",
        {"mutate": _renamed_folder},
        None,
        "library_folder_mismatch",
        ["PSRLearn.Other-1.0/library.json", "PSRLearn.SimpleQuestion-1.0"],
    ),
    (
        "library.json missing a required field",
        {"mutate": _no_patch_version},
        None,
        "missing_field",
        [LIBRARY_JSON, "patchVersion"],
    ),
    (
        "runnable not 0 or 1",
        {"mutate": _runnable_two},
        None,
        "invalid_field",
        [LIBRARY_JSON, "runnable"],
    ),
    (
        "version not a number",
        {"mutate": _bad_version},
        None,
        "invalid_field",
        [LIBRARY_JSON, "majorVersion"],
    ),
    (
        "preloadedJs file missing",
        {"mutate": _no_js_file},
        None,
        "library_file_missing",
        [LIBRARY_JSON, "simple-question.js"],
    ),
    (
        "preloadedJs path leaves the folder",
        {"mutate": _js_path_traversal},
        None,
        "invalid_field",
        [LIBRARY_JSON, "preloadedJs[0].path"],
    ),
    (
        "h5p.json dependency missing",
        {"mutate": _h5p_dependency_missing},
        None,
        "missing_dependency",
        ["h5p.json", "H5P.JoubelUI-1.3"],
    ),
    (
        "library dependency missing",
        {"mutate": _library_dependency_missing},
        None,
        "missing_dependency",
        [LIBRARY_JSON, "H5P.FontIcons-1.0"],
    ),
    (
        "dependency present in another version",
        {"mutate": _dependency_wrong_version},
        None,
        "missing_dependency",
        ["h5p.json", "PSRLearn.SimpleQuestion-1.2"],
    ),
    (
        "library included twice",
        {"mutate": _duplicate_library},
        None,
        "duplicate_library",
        ["PSRLearn.SimpleQuestion-1.0"],
    ),
    (
        "bad library folder name",
        {"mutate": _bad_library_folder_name},
        None,
        "invalid_library_name",
        ["Bad Folder!"],
    ),
    (
        "folder without library.json",
        {"mutate": _folder_without_library_json},
        None,
        "missing_library_json",
        ["images/library.json"],
    ),
    (
        "semantics.json not JSON",
        {"mutate": _semantics_not_json},
        None,
        "invalid_json",
        [f"{LIBRARY}/semantics.json"],
    ),
    (
        "bad language file name",
        {"mutate": _bad_language_file},
        None,
        "invalid_language_file",
        [f"{LIBRARY}/language/fr_CA.json"],
    ),
    (
        "content .php",
        {"extra_members": [("content/evil.php", b"<?php")]},
        None,
        "disallowed_extension",
        ["content/evil.php"],
    ),
    (
        "content .svg",
        {"extra_members": [("content/x.svg", b"<svg onload='alert(1)'/>")]},
        None,
        "disallowed_extension",
        ["content/x.svg"],
    ),
    (
        "content without extension",
        {"extra_members": [("content/images/noext", b"x")]},
        None,
        "disallowed_extension",
        ["content/images/noext"],
    ),
    (
        "library .php",
        {"mutate": _library_php},
        None,
        "disallowed_extension",
        [f"{LIBRARY}/backdoor.php"],
    ),
    (
        "path traversal with slashes",
        {"extra_members": [("content/../../evil.json", b"{}")]},
        None,
        "path_traversal",
        ["content/../../evil.json"],
    ),
    (
        "path traversal with backslashes",
        {"extra_members": [("content\\..\\..\\evil.json", b"{}")]},
        None,
        "path_traversal",
        ["content\\..\\..\\evil.json"],
    ),
    (
        "path traversal at the start",
        {"extra_members": [("../evil.js", b"")]},
        None,
        "path_traversal",
        ["../evil.js"],
    ),
    (
        "absolute path",
        {"extra_members": [("/etc/cron.d/evil.json", b"{}")]},
        None,
        "absolute_path",
        ["/etc/cron.d/evil.json"],
    ),
    (
        "absolute Windows path",
        {"extra_members": [("C:\\Windows\\evil.json", b"{}")]},
        None,
        "absolute_path",
        ["C:\\Windows\\evil.json"],
    ),
    (
        "UNC path",
        {"extra_members": [("\\\\server\\share\\evil.json", b"{}")]},
        None,
        "absolute_path",
        ["\\\\server\\share\\evil.json"],
    ),
    (
        "empty path segment",
        {"extra_members": [("content//x.json", b"{}")]},
        None,
        "invalid_path",
        ["content//x.json"],
    ),
    (
        "symlink member",
        {"extra_members": [symlink_member("content/passwd.txt")]},
        None,
        "symlink",
        ["content/passwd.txt"],
    ),
    (
        "duplicate names differing by case",
        {"extra_members": [("content/Image.png", b"a"), ("content/image.png", b"b")]},
        None,
        "duplicate_name",
        ["content/image.png", "content/Image.png"],
    ),
    (
        "duplicate names differing by slash",
        {"extra_members": [("content\\a.json", b"{}"), ("content/a.json", b"{}")]},
        None,
        "duplicate_name",
        ["content/a.json", "content\\a.json"],
    ),
    (
        "exact duplicate names",
        {"extra_members": [("content/content.json", b"{}")]},
        None,
        "duplicate_name",
        ["content/content.json"],
    ),
    (
        "a file is also a folder",
        {"extra_members": [("content/images", b"x"), ("content/images/a.png", b"x")]},
        None,
        "path_conflict",
        ["content/images/a.png", "content/images"],
    ),
    (
        "bzip2 member",
        {"extra_members": [_bzip2_member("content/a.txt")]},
        None,
        "unsupported_compression",
        ["content/a.txt"],
    ),
    (
        "single file over the per-file limit",
        {"extra_members": [("content/big.txt", b"x" * 20_000)]},
        Limits(max_file_size=15_000),
        "file_too_large",
        ["content/big.txt"],
    ),
    (
        "zip bomb ratio",
        {"extra_members": [("content/zeros.txt", bytes(2 * 1024**2))]},
        None,
        "zip_bomb_ratio",
        ["content/zeros.txt"],
    ),
    ("too many members", {}, Limits(max_members=3), "too_many_members", ["3"]),
    ("total size over the limit", {}, Limits(max_total_uncompressed=2_000), "total_too_large", []),
    (
        "central directory too large",
        {},
        Limits(max_central_directory=100),
        "central_directory_too_large",
        [],
    ),
]


@pytest.mark.parametrize(
    ("build_kwargs", "limits", "code", "names"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_broken_package_is_refused(tmp_path, build_kwargs, limits, code, names):
    path = build_package(tmp_path, **build_kwargs)

    report = validate(path, limits)

    assert not report.ok
    found = issues_with(report, code)
    assert any(all(name in issue.message for name in names) for issue in found), [
        issue.message for issue in found
    ]
    for issue in report.issues:
        assert issue.code in MESSAGES
        assert "{" not in issue.message  # every placeholder filled


def test_bzip2_case_really_uses_bzip2(tmp_path):
    path = build_package(tmp_path, extra_members=[_bzip2_member("content/a.txt")])
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("content/a.txt").compress_type == zipfile.ZIP_BZIP2


@pytest.mark.parametrize(
    "data",
    [b"", b"hello, this is not a zip", b"PK\x03\x04" + b"\x00" * 100],
    ids=["empty", "text", "local header only"],
)
def test_not_a_zip(tmp_path, data):
    path = tmp_path / "upload.h5p"
    path.write_bytes(data)

    report = validate(path)

    assert [issue.code for issue in report.issues] == ["not_a_zip"]
    assert "ZIP" in report.issues[0].message


def test_truncated_zip(tmp_path):
    path = build_package(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])

    report = validate(path)

    assert report.codes == ["not_a_zip"]


def test_non_utf8_name_is_refused(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/cafX.png", b"x")])
    # Latin-1 "é" without the UTF-8 flag: zipfile would read it as cp437 "Θ".
    patch_member(path, "content/cafX.png", raw_name=b"content/caf\xe9.png")

    report = validate(path)

    (issue,) = issues_with(report, "non_utf8_name")
    assert "content/caf" in issue.message


def test_name_flagged_utf8_but_invalid_is_refused(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/cafX.png", b"x")])
    patch_member(path, "content/cafX.png", raw_name=b"content/caf\xe9.png", set_flags=0x800)

    report = validate(path)

    assert report.codes == ["non_utf8_name"]


def test_encrypted_member_is_refused(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/secret.txt", b"x" * 50)])
    patch_member(path, "content/secret.txt", set_flags=0x1)

    report = validate(path)

    (issue,) = issues_with(report, "encrypted_member")
    assert "content/secret.txt" in issue.message


def test_damaged_member_is_refused(tmp_path):
    path = build_package(
        tmp_path,
        extra_members=[("content/notes.txt", b"0123456789" * 100)],
        compression=zipfile.ZIP_STORED,
    )
    data = bytearray(path.read_bytes())
    at = data.find(b"0123456789" * 10)
    data[at + 5] ^= 0xFF
    path.write_bytes(bytes(data))

    report = validate(path)

    (issue,) = issues_with(report, "corrupt_member")
    assert "content/notes.txt" in issue.message


def test_every_issue_is_listed_at_once(tmp_path):
    def break_things(spec):
        spec.h5p["title"] = "x" * 300
        spec.h5p["language"] = "!!"
        del spec.library["runnable"]
        spec.files[f"{LIBRARY}/simple-question.css"] = None

    path = build_package(
        tmp_path,
        mutate=break_things,
        extra_members=[
            ("content/evil.php", b"<?php"),
            ("../escape.json", b"{}"),
            symlink_member("content/link.png"),
        ],
    )

    report = validate(path)

    assert {
        "invalid_title",
        "invalid_language",
        "missing_field",
        "library_file_missing",
        "disallowed_extension",
        "path_traversal",
        "symlink",
    } <= set(report.codes)


@pytest.mark.parametrize(
    ("h5p_bytes", "code"),
    [
        (b'{"title": NaN}', "invalid_json"),
        (b"[" * 100_000 + b"]" * 100_000, "invalid_json"),
        (b'\xef\xbb\xbf{"title": "BOM"}', "invalid_json"),
        (b'"just a string"', "json_not_object"),
    ],
    ids=["NaN", "deep nesting", "byte order mark", "not an object"],
)
def test_h5p_json_that_php_would_not_decode(tmp_path, h5p_bytes, code):
    def replace(spec):
        spec.h5p = h5p_bytes

    report = validate(build_package(tmp_path, mutate=replace))

    (issue,) = issues_with(report, code)
    assert issue.path == "h5p.json"


def test_json_over_the_size_cap_is_not_parsed(tmp_path):
    def big_content(spec):
        spec.content = {"question": "x" * 5_000, "options": ["a", "b"], "correctIndex": 0}

    report = validate(build_package(tmp_path, mutate=big_content), Limits(max_json_size=2_000))

    (issue,) = issues_with(report, "json_too_large")
    assert "content/content.json" in issue.message


def test_control_characters_in_names_are_refused(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/evil\x1b[31m.png", b"x")])

    report = validate(path)

    issues_with(report, "invalid_path")


def test_damaged_archives_give_issues_not_exceptions(tmp_path):
    """Bytes flipped anywhere in a package: always a report, never an exception."""
    original = build_package(tmp_path, extra_members=[("content/notes.txt", b"notes " * 500)])
    data = original.read_bytes()
    rng = random.Random(4)
    damaged = tmp_path / "damaged.h5p"
    for _ in range(300):
        copy = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        damaged.write_bytes(bytes(copy))
        report = validate(damaged)
        for issue in report.issues:
            assert issue.message
