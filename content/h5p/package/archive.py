"""Low-level ZIP handling shared by validation and extraction.

Everything here reads the archive as a stream: the central directory is size-checked
before :mod:`zipfile` parses it, and members are decompressed chunk by chunk while the
bytes actually produced are counted against the limits (not only the sizes the headers
declare).
"""

from __future__ import annotations

import copy
import stat
import string
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .errors import ValidationIssue
from .limits import MIB, Limits

CHUNK_SIZE = 64 * 1024
# zipfile stops decompressing once it has produced ``file_size`` bytes. The reader raises
# the ``file_size`` it hands to zipfile by this margin (more than one read can produce) so
# that data beyond the declared size reaches the counters below instead of being cut off.
_OVERRUN_MARGIN = 4 * CHUNK_SIZE

_ASCII_LETTERS = frozenset(string.ascii_letters)
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"

_COMPRESSION_NAMES = {
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
    9: "deflate64",
}


def mb(size: int) -> str:
    """A size in megabytes for messages: "12.5", or "0.0019" for small sizes."""
    value = size / MIB
    return f"{value:.1f}" if value >= 1 else f"{value:.2g}"


class MemberError(Exception):
    """A member broke a rule while being read."""

    def __init__(self, issue: ValidationIssue):
        super().__init__(issue.message)
        self.issue = issue


# --- the central directory, before zipfile parses it ------------------------------------


@dataclass(frozen=True)
class DirectoryStats:
    entries: int
    size: int


def read_directory_stats(fileobj: BinaryIO) -> DirectoryStats | None:
    """The entry count and size of the central directory, from the end record, or None when
    they cannot be read (zipfile then decides whether the archive opens at all)."""
    fileobj.seek(0, 2)
    end = fileobj.tell()
    tail_len = min(end, 22 + 0xFFFF)
    fileobj.seek(end - tail_len)
    tail = fileobj.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    entries, size, offset = struct.unpack("<HLL", tail[at + 10 : at + 20])
    if entries == 0xFFFF or size == 0xFFFFFFFF or offset == 0xFFFFFFFF:
        locator_at = end - tail_len + at - 20
        if locator_at < 0:
            return None
        fileobj.seek(locator_at)
        locator = fileobj.read(20)
        if len(locator) != 20 or locator[:4] != _EOCD64_LOCATOR:
            return None
        (record_at,) = struct.unpack("<Q", locator[8:16])
        if record_at > end:
            return None
        fileobj.seek(record_at)
        record = fileobj.read(56)
        if len(record) != 56 or record[:4] != _EOCD64:
            return None
        entries, size = struct.unpack("<QQ", record[32:48])
    return DirectoryStats(entries=entries, size=size)


# --- member names ---------------------------------------------------------------------


@dataclass(frozen=True)
class MemberName:
    """A member's name as the validator sees it."""

    display: str  # the name as shown in messages
    path: str  # normalised: "/" separators, no trailing "/"; "" when unusable
    is_dir: bool
    issue: ValidationIssue | None  # why the name is refused, if it is


def decode_name(info: zipfile.ZipInfo) -> tuple[str, bool]:
    """(name, valid UTF-8). Without the UTF-8 flag (0x800) zipfile decodes names as cp437;
    many tools write UTF-8 without setting the flag, so the raw bytes are re-read as UTF-8.
    Names that are not valid UTF-8 are refused (cp437 would turn them into mojibake)."""
    if info.flag_bits & 0x800:
        return info.orig_filename, True
    raw = info.orig_filename.encode("cp437")
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), False


def check_name(info: zipfile.ZipInfo) -> MemberName:
    name, valid_utf8 = decode_name(info)
    display = name.replace("\x00", "\\0")
    if not valid_utf8:
        return MemberName(display, "", False, ValidationIssue("non_utf8_name", display))
    unified = name.replace("\\", "/")
    is_dir = unified.endswith("/")
    path = unified.rstrip("/")
    segments = path.split("/")

    def refuse(code: str) -> MemberName:
        return MemberName(display, "", is_dir, ValidationIssue(code, display))

    drive = len(unified) >= 2 and unified[1] == ":" and unified[0] in _ASCII_LETTERS
    if unified.startswith("/") or drive:
        return refuse("absolute_path")  # "/x", "\\x", "\\\\server\\share", "C:\\x", "C:x"
    if ".." in segments:
        return refuse("path_traversal")
    if not path or any(s in ("", ".") for s in segments):
        return refuse("invalid_path")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return refuse("invalid_path")
    return MemberName(display, path, is_dir, None)


def name_key(path: str) -> str:
    """Paths that would land on the same file on a case-insensitive disk share a key."""
    return unicodedata.normalize("NFC", path).casefold()


def is_ignored(path: str, is_dir: bool = False) -> bool:
    """Like H5P core: any part starting with "." or "_" (``.DS_Store``, ``__MACOSX/``) and
    top-level files other than h5p.json are left out, neither checked nor unpacked."""
    segments = path.split("/")
    if any(s.startswith((".", "_")) for s in segments):
        return True
    return len(segments) == 1 and not is_dir and path != "h5p.json"


def member_type_issue(info: zipfile.ZipInfo, display: str) -> ValidationIssue | None:
    """Refusals read from a member's header, other than its name and size."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return ValidationIssue("symlink", display)
    if info.flag_bits & 0x1:
        return ValidationIssue("encrypted_member", display)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        method = _COMPRESSION_NAMES.get(info.compress_type, str(info.compress_type))
        return ValidationIssue("unsupported_compression", display, {"method": method})
    return None


def header_size_issues(info: zipfile.ZipInfo, display: str, limits: Limits):
    if info.file_size > limits.max_file_size:
        yield file_too_large(display, info.file_size, limits)
    if info.file_size > limits.ratio_min_size:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            yield zip_bomb(display, ratio, limits)


def file_too_large(path: str, size: int, limits: Limits) -> ValidationIssue:
    return ValidationIssue(
        "file_too_large", path, {"size_mb": mb(size), "max_mb": mb(limits.max_file_size)}
    )


def total_too_large(size: int, limit: int) -> ValidationIssue:
    return ValidationIssue("total_too_large", "", {"size_mb": mb(size), "max_mb": mb(limit)})


def zip_bomb(path: str, ratio: float, limits: Limits) -> ValidationIssue:
    return ValidationIssue("zip_bomb_ratio", path, {"ratio": int(ratio), "max": limits.max_ratio})


# --- reading members ------------------------------------------------------------------


class ByteBudget:
    """Bytes actually decompressed across the whole archive."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def spend(self, size: int) -> bool:
        self.used += size
        return self.used <= self.limit


def iter_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    display: str,
    limits: Limits,
    budget: ByteBudget,
    cap: int | None = None,
) -> Iterator[bytes]:
    """Yield a member's data in chunks of at most CHUNK_SIZE, counting the bytes actually
    decompressed. Raises MemberError as soon as the data overruns its declared size (a
    lying header), a limit, or ``cap``; or when it is damaged (bad CRC, truncated)."""
    declared = info.file_size
    probe = copy.copy(info)
    probe.file_size = declared + _OVERRUN_MARGIN
    produced = 0
    try:
        with zf.open(probe) as stream:
            while True:
                chunk = stream.read(CHUNK_SIZE)
                if not chunk:
                    break
                produced += len(chunk)
                if produced > declared:
                    raise MemberError(_size_mismatch(display, declared, produced))
                if produced > limits.max_file_size:
                    raise MemberError(file_too_large(display, produced, limits))
                if produced > limits.ratio_min_size:
                    ratio = produced / max(info.compress_size, 1)
                    if ratio > limits.max_ratio:
                        raise MemberError(zip_bomb(display, ratio, limits))
                if not budget.spend(len(chunk)):
                    raise MemberError(total_too_large(budget.used, budget.limit))
                if cap is not None and produced > cap:
                    raise MemberError(
                        ValidationIssue(
                            "json_too_large", display, {"size_mb": mb(produced), "max_mb": mb(cap)}
                        )
                    )
                yield chunk
    except MemberError:
        raise
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError, struct.error) as exc:
        raise MemberError(ValidationIssue("corrupt_member", display)) from exc
    except NotImplementedError as exc:
        raise MemberError(
            ValidationIssue("unsupported_compression", display, {"method": str(exc)})
        ) from exc
    if produced != declared:
        raise MemberError(_size_mismatch(display, declared, produced))


def _size_mismatch(path: str, declared: int, actual: int) -> ValidationIssue:
    return ValidationIssue("size_mismatch", path, {"declared": declared, "actual": actual})
