"""What validation finds in a package: its libraries, the members to unpack, the issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import ValidationIssue
from .limits import Limits


def library_key(machine_name: str, major: int, minor: int) -> str:
    return f"{machine_name}-{major}.{minor}"


@dataclass(frozen=True)
class LibraryInfo:
    """A library folder of the package, as its library.json describes it."""

    machine_name: str
    major_version: int
    minor_version: int
    patch_version: int | None
    title: str
    runnable: bool
    folder: str
    preloaded_js: tuple[str, ...] = ()
    preloaded_css: tuple[str, ...] = ()
    #: Keys ("machineName-major.minor") of the libraries this one depends on.
    preloaded_dependencies: tuple[str, ...] = ()
    dynamic_dependencies: tuple[str, ...] = ()
    editor_dependencies: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return library_key(self.machine_name, self.major_version, self.minor_version)


@dataclass(frozen=True)
class AcceptedMember:
    """A member extract_package will unpack, with what identifies it in the archive."""

    index: int
    path: str
    orig_filename: str
    crc: int
    file_size: int
    compress_size: int
    header_offset: int


@dataclass
class PackageReport:
    issues: list[ValidationIssue] = field(default_factory=list)
    title: str | None = None
    language: str | None = None
    #: "machineName-major.minor" of the main library.
    main_library: str | None = None
    embed_types: list[str] = field(default_factory=list)
    #: h5p.json's preloadedDependencies: {"machineName", "majorVersion", "minorVersion"},
    #: versions as integers.
    preloaded_dependencies: list[dict[str, Any]] = field(default_factory=list)
    libraries: dict[str, LibraryInfo] = field(default_factory=dict)
    #: Paths of the files under content/ (content/content.json included), ignored ones left out.
    content_files: list[str] = field(default_factory=list)
    #: The members extract_package unpacks: h5p.json, content/ and the library folders.
    members: tuple[AcceptedMember, ...] = field(default=(), repr=False)
    #: How many entries the archive held (extract_package checks it is the same archive).
    archive_entries: int = field(default=0, repr=False)
    limits: Limits = field(default_factory=Limits, repr=False)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]

    def messages(self, translate=None) -> list[str]:
        return [issue.render(translate) for issue in self.issues]
