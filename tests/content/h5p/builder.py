"""Build .h5p packages for the tests from the PSRLearn.SimpleQuestion fixture, with hooks to
break them, and patch ZIP headers the way a forged archive would."""

from __future__ import annotations

import json
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
LIBRARY = "PSRLearn.SimpleQuestion-1.0"
LIBRARY_KEY = "PSRLearn.SimpleQuestion-1.0"

Json = dict[str, Any] | list[Any] | bytes | None


@dataclass
class PackageSpec:
    """What build_package zips, editable by a ``mutate`` hook.

    JSON documents are dicts (serialised when zipped) or raw bytes (zipped as they are);
    None leaves the member out.
    """

    h5p: Json
    content: Json
    #: library folder -> library.json
    libraries: dict[str, Json] = field(default_factory=dict)
    #: every other member: path -> data (None: left out)
    files: dict[str, bytes | None] = field(default_factory=dict)

    def add_library(
        self,
        machine_name: str,
        major: int | str = 1,
        minor: int | str = 0,
        *,
        folder: str | None = None,
        **fields: Any,
    ) -> str:
        folder = folder or f"{machine_name}-{major}.{minor}"
        self.libraries[folder] = {
            "title": machine_name,
            "machineName": machine_name,
            "majorVersion": major,
            "minorVersion": minor,
            "patchVersion": 0,
            "runnable": 0,
            **fields,
        }
        return folder

    def rename_library(self, old: str, new: str) -> None:
        self.libraries[new] = self.libraries.pop(old)
        for path in list(self.files):
            if path.startswith(old + "/"):
                self.files[new + path[len(old) :]] = self.files.pop(path)

    @property
    def library(self) -> dict[str, Any]:
        """The fixture's library.json."""
        return self.libraries[LIBRARY]

    def members(self) -> list[tuple[str, bytes]]:
        out = [("h5p.json", self.h5p), ("content/content.json", self.content)]
        out += [(f"{folder}/library.json", data) for folder, data in self.libraries.items()]
        out += list(self.files.items())
        return [(name, _encode(data)) for name, data in out if data is not None]


def _encode(data: Json) -> bytes | None:
    if data is None or isinstance(data, bytes):
        return data
    return json.dumps(data, indent=2).encode()


def default_spec() -> PackageSpec:
    def load(path: Path) -> Any:
        return json.loads(path.read_text(encoding="utf-8"))

    folder = FIXTURES / LIBRARY
    files = {
        f"{LIBRARY}/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "library.json"
    }
    return PackageSpec(
        h5p=load(FIXTURES / "h5p.json"),
        content=load(FIXTURES / "content" / "content.json"),
        libraries={LIBRARY: load(FIXTURES / LIBRARY / "library.json")},
        files=files,
    )


Member = tuple[str | zipfile.ZipInfo, bytes]


def build_package(
    tmp_path: Path,
    *,
    mutate: Callable[[PackageSpec], object] | None = None,
    extra_members: Iterable[Member] = (),
    name: str = "package.h5p",
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Zip h5p.json, content/content.json and the fixture library (after ``mutate`` edits
    them), then ``extra_members`` (a name or a ZipInfo, with its data), into tmp_path/name."""
    spec = default_spec()
    if mutate is not None:
        mutate(spec)
    path = tmp_path / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names, on purpose
        with zipfile.ZipFile(path, "w", compression) as zf:
            for member, data in spec.members():
                zf.writestr(member, data)
            for member, data in extra_members:
                zf.writestr(member, data)
    return path


def patch_member(
    path: Path,
    name: str,
    *,
    file_size: int | None = None,
    set_flags: int = 0,
    clear_flags: int = 0,
    raw_name: bytes | None = None,
) -> None:
    """Rewrite a member's central directory entry and local header in place, as a forged
    archive would: its declared uncompressed size, its flag bits, or its name's raw bytes
    (of the same length)."""
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<LL", data, end + 12)
    position = cd_offset
    found = False
    while position < cd_offset + cd_size:
        assert data[position : position + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, position + 28)
        (local,) = struct.unpack_from("<L", data, position + 42)
        member = bytes(data[position + 46 : position + 46 + name_len])
        if member == name.encode():
            found = True
            for flags_at in (position + 8, local + 6):
                (flags,) = struct.unpack_from("<H", data, flags_at)
                struct.pack_into("<H", data, flags_at, (flags | set_flags) & ~clear_flags)
            if file_size is not None:
                struct.pack_into("<L", data, position + 24, file_size)
                struct.pack_into("<L", data, local + 22, file_size)
            if raw_name is not None:
                assert len(raw_name) == name_len
                data[position + 46 : position + 46 + name_len] = raw_name
                data[local + 30 : local + 30 + name_len] = raw_name
        position += 46 + name_len + extra_len + comment_len
    assert found, name
    path.write_bytes(bytes(data))


def symlink_member(name: str, target: bytes = b"/etc/passwd") -> Member:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix
    info.external_attr = (0o120777 << 16) | 0  # S_IFLNK | rwxrwxrwx
    return info, target


def validate(path: Path, limits=None):
    """validate_package on a file, with default or given limits."""
    from content.h5p.package import validate_package

    with open(path, "rb") as fileobj:
        if limits is None:
            return validate_package(fileobj)
        return validate_package(fileobj, limits=limits)


def issues_with(report, code: str) -> list:
    """The report's issues with this code; fails the test when there are none."""
    found = [issue for issue in report.issues if issue.code == code]
    assert found, f"expected {code!r}, got {[(i.code, i.path) for i in report.issues]}"
    assert not report.ok
    return found
