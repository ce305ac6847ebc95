"""Size and count limits applied to an uploaded H5P package.

H5P core only checks the sizes declared in the ZIP headers (and only when the site sets
``maxFileSize`` / ``maxTotalSize``); these limits are checked against the headers *and*
against the bytes actually decompressed, so a forged header cannot get past them.
"""

from dataclasses import dataclass

MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    #: Most entries (files and folders) the archive may hold.
    max_members: int = 10_000
    #: Most bytes all members may unpack to, together.
    max_total_uncompressed: int = 500 * MIB
    #: Most bytes one member may unpack to.
    max_file_size: int = 100 * MIB
    #: Highest uncompressed/compressed ratio allowed for a member ...
    max_ratio: int = 100
    #: ... larger than this many bytes (small files of repeated text compress very well).
    ratio_min_size: int = 1 * MIB
    #: Most bytes of a JSON file (h5p.json, content.json, library.json, semantics, language
    #: files) read into memory to be parsed.
    max_json_size: int = 16 * MIB
    #: Largest central directory (the archive's table of contents) parsed; zipfile reads it
    #: whole into memory, so it is checked before the archive is opened.
    max_central_directory: int = 16 * MIB
