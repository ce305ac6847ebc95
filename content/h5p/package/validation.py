"""Validate an uploaded .h5p package without unpacking it.

The rules follow H5P core's ``H5PValidator::isValidPackage`` (h5p-php-library,
h5p.classes.php), plus the checks core leaves to PHP's ZipArchive and the web server: path
traversal, absolute paths, symbolic links, encrypted members, file names that are not
UTF-8, duplicate names, and limits on member count, sizes and compression ratio, checked
against the headers and again against the bytes actually decompressed.

Every failed rule becomes a :class:`~.errors.ValidationIssue`; all of them are collected,
and any one of them refuses the whole package.
"""

from __future__ import annotations

import json
import struct
import zipfile
from dataclasses import dataclass
from typing import Any, BinaryIO

from .archive import (
    ByteBudget,
    MemberError,
    check_name,
    header_size_issues,
    is_ignored,
    iter_member,
    mb,
    member_type_issue,
    name_key,
    read_directory_stats,
    total_too_large,
)
from .core import core_api_issue
from .errors import ValidationIssue
from .limits import MIB, Limits
from .report import AcceptedMember, LibraryInfo, PackageReport, library_key
from .schema import (
    CONTENT_EXTENSIONS,
    H5P_OPTIONAL,
    H5P_REQUIRED,
    LANGUAGE_FILE,
    LIBRARY_EXTENSIONS,
    LIBRARY_FOLDER,
    LIBRARY_OPTIONAL,
    LIBRARY_REQUIRED,
    as_flag,
    as_version,
    check_object,
)

H5P_JSON = "h5p.json"
CONTENT_JSON = "content/content.json"
# h5p.json and library.json are a few kilobytes in real packages; they are kept in memory
# (parsed) for the whole validation, so they get a tighter cap than other JSON files.
_METADATA_JSON_CAP = 1 * MIB


@dataclass
class _Entry:
    index: int
    info: zipfile.ZipInfo
    display: str
    path: str
    is_dir: bool
    ignored: bool
    readable: bool

    @property
    def parts(self) -> list[str]:
        return self.path.split("/")


_NOT_PARSED = object()


def validate_package(fileobj: BinaryIO, *, limits: Limits = Limits()) -> PackageReport:  # noqa: B008
    """Check a .h5p package (a seekable binary file open for reading) and describe it."""
    report = PackageReport(limits=limits)
    _Validator(fileobj, limits, report).run()
    return report


class _Validator:
    def __init__(self, fileobj: BinaryIO, limits: Limits, report: PackageReport):
        self.fileobj = fileobj
        self.limits = limits
        self.report = report
        self.issues = report.issues
        self.entries: list[_Entry] = []
        self.parsed: dict[str, Any] = {}
        self.stopped = False  # the bytes read broke the total limit: stop reading
        self.verify = True  # stream every member (not only the JSON files) to check it

    def add(self, code: str, path: str = "", **params: Any) -> None:
        self.issues.append(ValidationIssue(code, path, params))

    # --- the archive ------------------------------------------------------------------

    def run(self) -> None:
        limits = self.limits
        try:
            stats = read_directory_stats(self.fileobj)
        except (OSError, ValueError, struct.error):
            stats = None
        if stats is not None:
            if stats.size > limits.max_central_directory:
                self.add(
                    "central_directory_too_large",
                    size_mb=mb(stats.size),
                    max_mb=mb(limits.max_central_directory),
                )
                return
            if stats.entries > limits.max_members:
                self.add("too_many_members", count=stats.entries, max=limits.max_members)
                return
        try:
            self.fileobj.seek(0)
            zf = zipfile.ZipFile(self.fileobj)
        except UnicodeDecodeError:
            # A name flagged as UTF-8 (0x800) that is not: zipfile refuses the whole archive.
            self.add("non_utf8_name", "?")
            return
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            ValueError,
            struct.error,
            NotImplementedError,
        ):
            self.add("not_a_zip")
            return
        with zf:
            infos = zf.infolist()
            self.report.archive_entries = len(infos)
            if len(infos) > limits.max_members:
                self.add("too_many_members", count=len(infos), max=limits.max_members)
                return
            self.scan_headers(infos)
            self.read_members(zf)
        self.check_structure()
        self.report.members = tuple(
            AcceptedMember(
                index=e.index,
                path=e.path,
                orig_filename=e.info.orig_filename,
                crc=e.info.CRC,
                file_size=e.info.file_size,
                compress_size=e.info.compress_size,
                header_offset=e.info.header_offset,
            )
            for e in self.files()
        )

    def scan_headers(self, infos: list[zipfile.ZipInfo]) -> None:
        seen: dict[str, str] = {}
        declared_total = 0
        for index, info in enumerate(infos):
            declared_total += info.file_size
            name = check_name(info)
            problems = [name.issue] if name.issue else []
            type_issue = member_type_issue(info, name.display)
            if type_issue:
                problems.append(type_issue)
            problems.extend(header_size_issues(info, name.display, self.limits))
            self.issues.extend(problems)
            if name.issue:
                continue
            key = name_key(name.path)
            if key in seen:
                self.add("duplicate_name", name.display, other=seen[key])
                continue
            seen[key] = name.display
            self.entries.append(
                _Entry(
                    index=index,
                    info=info,
                    display=name.display,
                    path=name.path,
                    is_dir=name.is_dir,
                    ignored=is_ignored(name.path, name.is_dir),
                    readable=not problems,
                )
            )
        if declared_total > self.limits.max_total_uncompressed:
            self.issues.append(total_too_large(declared_total, self.limits.max_total_uncompressed))
            self.verify = False  # refused already; still parse the (capped) JSON files
        # A file may not also be the folder of another member ("a" and "a/b").
        file_keys = {name_key(e.path): e.display for e in self.entries if not e.is_dir}
        for entry in self.entries:
            parts = entry.parts
            for depth in range(1, len(parts)):
                other = file_keys.get(name_key("/".join(parts[:depth])))
                if other is not None:
                    self.add("path_conflict", entry.display, other=other)
                    break

    def read_members(self, zf: zipfile.ZipFile) -> None:
        """Parse the JSON files the structure checks need, then stream every other member
        once to check its real size, ratio and CRC (and that it can be read at all)."""
        budget = ByteBudget(self.limits.max_total_uncompressed)
        readable = [e for e in self.entries if e.readable and not e.is_dir and not e.ignored]
        wanted = [e for e in readable if self.json_cap(e.path) is not None]
        for entry in wanted:
            if self.stopped:
                return
            cap = self.json_cap(entry.path)
            if entry.info.file_size > cap:
                size = mb(entry.info.file_size)
                self.add("json_too_large", entry.display, size_mb=size, max_mb=mb(cap))
                continue
            data = bytearray()
            if self.stream(zf, entry, budget, cap, data):
                value = self.parse_json(entry.display, bytes(data))
                del data
                if not _is_metadata(entry.path) and value is not _NOT_PARSED:
                    value = {} if isinstance(value, dict) else []  # only its type matters
                self.parsed[entry.path] = value
        parsed_ids = {id(e) for e in wanted}
        for entry in readable:
            if self.stopped or not self.verify:
                return
            if id(entry) not in parsed_ids:
                self.stream(zf, entry, budget)

    def stream(self, zf, entry: _Entry, budget: ByteBudget, cap=None, sink=None) -> bool:
        try:
            for chunk in iter_member(zf, entry.info, entry.display, self.limits, budget, cap):
                if sink is not None:
                    sink += chunk
        except MemberError as error:
            self.issues.append(error.issue)
            entry.readable = False
            if error.issue.code == "total_too_large":
                self.stopped = True
            return False
        return True

    def json_cap(self, path: str) -> int | None:
        """The size cap of a JSON file the checks parse, None for other files."""
        parts = path.split("/")
        if _is_metadata(path):
            return min(_METADATA_JSON_CAP, self.limits.max_json_size)
        if parts[0] == "content":
            return self.limits.max_json_size if path == CONTENT_JSON else None
        if len(parts) == 2 and parts[1] == "semantics.json":
            return self.limits.max_json_size
        if len(parts) == 3 and parts[1] == "language" and parts[2].lower().endswith(".json"):
            return self.limits.max_json_size
        return None

    def parse_json(self, path: str, data: bytes) -> Any:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.add("json_not_utf8", path)
            return _NOT_PARSED
        try:
            return json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as error:
            self.add("invalid_json", path, line=error.lineno, column=error.colno)
        except (ValueError, RecursionError):
            self.add("invalid_json", path, line="?", column="?")
        return _NOT_PARSED

    # --- the H5P structure --------------------------------------------------------------

    def files(self) -> list[_Entry]:
        """Members that count: not folders, not ignored."""
        return [e for e in self.entries if not e.is_dir and not e.ignored]

    def check_structure(self) -> None:
        files = self.files()
        paths = {e.path for e in files}
        self.report.content_files = [e.path for e in files if e.parts[0] == "content"]

        h5p = self.parsed.get(H5P_JSON, _NOT_PARSED)
        if H5P_JSON not in paths:
            self.add("missing_h5p_json", H5P_JSON)
        elif h5p is not _NOT_PARSED and not isinstance(h5p, dict):
            self.add("json_not_object", H5P_JSON)
        content = self.parsed.get(CONTENT_JSON, _NOT_PARSED)
        if CONTENT_JSON not in paths:
            self.add("missing_content_json", CONTENT_JSON)
        elif content is not _NOT_PARSED and not isinstance(content, dict):
            self.add("json_not_object", CONTENT_JSON)

        self.check_extensions(files)
        folders: dict[str, list[str]] = {}  # top-level folder -> its files
        for entry in self.entries:
            if entry.ignored or entry.parts[0] == "content":
                continue
            if entry.is_dir or len(entry.parts) > 1:
                files_in = folders.setdefault(entry.parts[0], [])
                if not entry.is_dir:
                    files_in.append(entry.path)
        for folder in sorted(folders):
            self.check_library(folder, folders[folder], paths)
        if isinstance(h5p, dict):
            self.check_h5p_json(h5p)
        self.check_dependencies(h5p if isinstance(h5p, dict) else None)

    def check_extensions(self, files: list[_Entry]) -> None:
        for entry in files:
            if entry.path == H5P_JSON:
                continue
            allowed = CONTENT_EXTENSIONS if entry.parts[0] == "content" else LIBRARY_EXTENSIONS
            name = entry.parts[-1]
            extension = name.rsplit(".", 1)[1].lower() if "." in name else ""
            if extension not in allowed:
                self.add("disallowed_extension", entry.display, allowed=", ".join(sorted(allowed)))

    def check_library(self, folder: str, folder_files: list[str], paths: set[str]) -> None:
        if not LIBRARY_FOLDER.fullmatch(folder):
            self.add("invalid_library_name", folder)
            return
        json_path = f"{folder}/library.json"
        for path in folder_files:
            if path.startswith(f"{folder}/language/"):
                rest = path[len(folder) + len("/language/") :]
                if "/" in rest or not LANGUAGE_FILE.fullmatch(rest):
                    self.add("invalid_language_file", path)
        if json_path not in paths:
            self.add("missing_library_json", json_path)
            return
        data = self.parsed.get(json_path, _NOT_PARSED)
        if data is _NOT_PARSED:
            return  # unreadable or not JSON: already reported
        if not isinstance(data, dict):
            self.add("json_not_object", json_path)
            return
        self.issues.extend(check_object(data, json_path, LIBRARY_REQUIRED, LIBRARY_OPTIONAL))

        assets: dict[str, list[str]] = {}
        for kind in ("preloadedJs", "preloadedCss"):
            assets[kind] = []
            items = data.get(kind)
            if not isinstance(items, list):
                continue  # absent, or reported by the schema
            for index, item in enumerate(items):
                raw = item.get("path") if isinstance(item, dict) else None
                if not isinstance(raw, str):
                    continue  # reported by the schema
                relative = raw.replace("\\", "/").lstrip("/")
                if any(part in ("", ".", "..") for part in relative.split("/")):
                    self.add("invalid_field", json_path, field=f"{kind}[{index}].path", value=raw)
                    continue
                assets[kind].append(relative)
                if f"{folder}/{relative}" not in paths:
                    self.add("library_file_missing", json_path, file=relative, folder=folder)

        machine_name = data.get("machineName")
        major = as_version(data.get("majorVersion"))
        minor = as_version(data.get("minorVersion"))
        if not isinstance(machine_name, str) or not LIBRARY_FOLDER.fullmatch(machine_name):
            return
        if major is None or minor is None:
            return
        key = library_key(machine_name, major, minor)
        if folder not in (machine_name, key):
            self.add(
                "library_folder_mismatch",
                json_path,
                folder=folder,
                machine_name=machine_name,
                expected=key,
            )
        issue = core_api_issue(data, json_path, key)
        if issue is not None:
            self.issues.append(issue)
        if key in self.report.libraries:
            other = self.report.libraries[key].folder
            self.add("duplicate_library", json_path, library=key, other=f"{other}/library.json")
            return
        title = data.get("title")
        self.report.libraries[key] = LibraryInfo(
            machine_name=machine_name,
            major_version=major,
            minor_version=minor,
            patch_version=as_version(data.get("patchVersion")),
            title=title if isinstance(title, str) else machine_name,
            runnable=bool(as_flag(data.get("runnable"))),
            folder=folder,
            preloaded_js=tuple(assets["preloadedJs"]),
            preloaded_css=tuple(assets["preloadedCss"]),
            preloaded_dependencies=tuple(_dependency_keys(data.get("preloadedDependencies"))),
            dynamic_dependencies=tuple(_dependency_keys(data.get("dynamicDependencies"))),
            editor_dependencies=tuple(_dependency_keys(data.get("editorDependencies"))),
        )

    def check_h5p_json(self, h5p: dict[str, Any]) -> None:
        report = self.report
        self.issues.extend(check_object(h5p, H5P_JSON, H5P_REQUIRED, H5P_OPTIONAL))
        if isinstance(h5p.get("title"), str):
            report.title = h5p["title"]
        if isinstance(h5p.get("language"), str):
            report.language = h5p["language"]
        embed_types = h5p.get("embedTypes")
        if isinstance(embed_types, list):
            report.embed_types = [t for t in embed_types if isinstance(t, str)]
        report.preloaded_dependencies = [
            {"machineName": name, "majorVersion": major, "minorVersion": minor}
            for name, major, minor in _dependencies(h5p.get("preloadedDependencies"))
        ]
        main = h5p.get("mainLibrary")
        if not isinstance(main, str) or not LIBRARY_FOLDER.fullmatch(main):
            return  # missing or invalid: reported by the schema
        matches = [d for d in report.preloaded_dependencies if d["machineName"] == main]
        if not matches:
            self.add("main_library_not_in_dependencies", H5P_JSON, library=main)
            return
        dep = matches[0]
        report.main_library = library_key(main, dep["majorVersion"], dep["minorVersion"])
        library = report.libraries.get(report.main_library)
        if library is not None and not library.runnable:
            self.add("main_library_not_runnable", H5P_JSON, library=report.main_library)

    def check_dependencies(self, h5p: dict[str, Any] | None) -> None:
        """Every preloaded and dynamic dependency of h5p.json and of each library must be in
        the package (core also requires editorDependencies, which sites usually have
        installed already; they are not required here, so editor libraries are optional)."""
        declarers: list[tuple[str, list[str]]] = []
        if h5p is not None:
            declarers.append(
                (
                    H5P_JSON,
                    _dependency_keys(h5p.get("preloadedDependencies"))
                    + _dependency_keys(h5p.get("dynamicDependencies")),
                )
            )
        for library in self.report.libraries.values():
            keys = list(library.preloaded_dependencies + library.dynamic_dependencies)
            declarers.append((f"{library.folder}/library.json", keys))
        for path, keys in declarers:
            for key in dict.fromkeys(keys):
                if key not in self.report.libraries:
                    self.add("missing_dependency", path, library=key)


def _is_metadata(path: str) -> bool:
    """h5p.json and library.json, whose parsed data the checks use."""
    parts = path.split("/")
    return path == H5P_JSON or (
        len(parts) == 2 and parts[0] != "content" and parts[1] == "library.json"
    )


def _dependencies(value: Any):
    """(machineName, major, minor) of each well-formed dependency in a list."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return
    for item in value:
        if not isinstance(item, dict):
            continue
        name = item.get("machineName")
        major = as_version(item.get("majorVersion"))
        minor = as_version(item.get("minorVersion"))
        if isinstance(name, str) and major is not None and minor is not None:
            yield name, major, minor


def _dependency_keys(value: Any) -> list[str]:
    return [library_key(*dep) for dep in _dependencies(value)]


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")
