"""Unpack a validated package, streaming each accepted member to a writer."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from .archive import ByteBudget, MemberError, check_name, iter_member
from .errors import PackageExtractionError
from .report import PackageReport

Writer = Callable[[str, Iterable[bytes]], object]


def extract_package(fileobj: BinaryIO, report: PackageReport, write: Writer) -> list[str]:
    """Stream every accepted member of a valid package to ``write(relative_path, chunks)``
    and return the paths written, in archive order.

    Accepted members are h5p.json, the files under content/ and the files of the library
    folders; ignored files (``.DS_Store``, ``__MACOSX/``, top-level extras) and folders are
    skipped. Paths use "/" and never leave the package (validation refused ``..``, absolute
    paths and links), but the writer should still join them under its own folder only.

    The data is decompressed again while it is written and checked again against the
    report's limits, size and CRC. If the archive no longer matches the report, or a check
    fails part-way, PackageExtractionError is raised (possibly from inside the chunk
    iterator, so through ``write``): the caller must then discard what was written.
    """
    if not report.ok:
        raise PackageExtractionError("The package is not valid; it cannot be extracted.")
    try:
        fileobj.seek(0)
        zf = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error) as exc:
        raise PackageExtractionError("The package can no longer be opened.") from exc
    written: list[str] = []
    budget = ByteBudget(report.limits.max_total_uncompressed)
    with zf:
        infos = zf.infolist()
        if len(infos) != report.archive_entries:
            raise PackageExtractionError("The package changed after it was validated.")
        for member in report.members:
            info = infos[member.index] if member.index < len(infos) else None
            if info is None or (
                info.orig_filename,
                info.CRC,
                info.file_size,
                info.compress_size,
                info.header_offset,
            ) != (
                member.orig_filename,
                member.crc,
                member.file_size,
                member.compress_size,
                member.header_offset,
            ):
                raise PackageExtractionError(
                    f"The package changed after it was validated ({member.path})."
                )
            name = check_name(info)
            if name.issue is not None or name.path != member.path:
                raise PackageExtractionError(
                    f"The package changed after it was validated ({member.path})."
                )
            chunks = _checked(zf, info, member.path, report, budget)
            write(member.path, chunks)
            for _ in chunks:  # the writer stopped early: still check the rest (size, CRC)
                pass
            written.append(member.path)
    return written


def _checked(zf, info, path, report: PackageReport, budget: ByteBudget) -> Iterator[bytes]:
    try:
        yield from iter_member(zf, info, path, report.limits, budget)
    except MemberError as error:
        raise PackageExtractionError(error.issue.message, error.issue) from error
