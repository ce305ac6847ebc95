"""Forged headers and bombs are caught while the data is streamed, in bounded memory."""

import random
import tracemalloc
import zipfile

import pytest

from content.h5p.package import Limits, extract_package
from content.h5p.package.archive import CHUNK_SIZE, ByteBudget, MemberError, iter_member
from tests.content.h5p.builder import build_package, issues_with, patch_member, validate

MIB = 1024**2


def test_lying_header_is_caught_while_streaming(tmp_path):
    # 2 MiB of zeros whose headers claim 1,000 bytes: the header checks (size, ratio) pass;
    # the bytes actually decompressed do not.
    path = build_package(tmp_path, extra_members=[("content/big.txt", bytes(2 * MIB))])
    patch_member(path, "content/big.txt", file_size=1_000)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("content/big.txt").file_size == 1_000

    report = validate(path)

    (issue,) = issues_with(report, "size_mismatch")
    assert "content/big.txt" in issue.message
    assert issue.params["declared"] == 1_000
    # Reading stopped at the first chunk past the declared size, not at the end.
    assert 1_000 < issue.params["actual"] <= 1_000 + CHUNK_SIZE
    assert "zip_bomb_ratio" not in report.codes


def test_lying_header_with_tiny_ratio_limit_is_caught(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/notes.txt", b"a" * 200_000)])
    patch_member(path, "content/notes.txt", file_size=5_000)
    limits = Limits(ratio_min_size=10_000, max_ratio=2)

    report = validate(path, limits)

    assert "size_mismatch" in report.codes
    assert not report.ok


def test_header_declaring_more_than_the_data_is_refused(tmp_path):
    path = build_package(tmp_path, extra_members=[("content/notes.txt", b"a" * 1_000)])
    patch_member(path, "content/notes.txt", file_size=50_000)

    report = validate(path)

    (issue,) = issues_with(report, "size_mismatch")
    assert issue.params == {"declared": 50_000, "actual": 1_000}


def _member(tmp_path, data, compression=zipfile.ZIP_DEFLATED):
    path = tmp_path / "one.zip"
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr("content/data.bin", data)
    return path


@pytest.mark.parametrize(
    ("limits", "data", "code"),
    [
        (Limits(max_file_size=100_000), random.Random(1).randbytes(300_000), "file_too_large"),
        (Limits(ratio_min_size=100_000, max_ratio=10), bytes(400_000), "zip_bomb_ratio"),
        (Limits(), random.Random(2).randbytes(300_000), "total_too_large"),
    ],
    ids=["file size", "ratio", "total"],
)
def test_limits_are_enforced_on_the_bytes_read(tmp_path, limits, data, code):
    # Straight to the reader, skipping the header checks: the counts alone must stop it.
    path = _member(tmp_path, data)
    budget = ByteBudget(150_000 if code == "total_too_large" else limits.max_total_uncompressed)
    produced = 0
    with zipfile.ZipFile(path) as zf, pytest.raises(MemberError) as caught:
        info = zf.getinfo("content/data.bin")
        for chunk in iter_member(zf, info, info.filename, limits, budget):
            assert len(chunk) <= CHUNK_SIZE
            produced += len(chunk)
    assert caught.value.issue.code == code
    assert produced < len(data)


@pytest.mark.parametrize(
    "compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflate-1"]
)
def test_memory_stays_bounded_on_a_large_package(tmp_path, compression):
    """A 60 MiB member is validated with a peak of traced allocations far below its size."""
    path = build_package(tmp_path)
    block = random.Random(0).randbytes(MIB)
    with zipfile.ZipFile(path, "a", compression, compresslevel=1) as zf:
        info = zipfile.ZipInfo("content/videos/lecture.mp4")
        info.compress_type = compression
        with zf.open(info, "w") as out:  # streamed to disk, never held in memory
            for _ in range(60):
                out.write(block)
    assert path.stat().st_size > 60 * MIB  # random data: deflate cannot shrink it

    tracemalloc.start()
    try:
        report = validate(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    print(
        f"\nvalidate_package on a {path.stat().st_size / MIB:.1f} MiB package: "
        f"peak traced memory {peak / MIB:.2f} MiB"
    )
    assert report.ok, report.messages()
    assert "content/videos/lecture.mp4" in report.content_files
    assert peak < 20 * MIB

    sizes = {}

    def write(relative_path, chunks):
        sizes[relative_path] = sum(len(chunk) for chunk in chunks)

    tracemalloc.start()
    try:
        with open(path, "rb") as fileobj:
            extract_package(fileobj, report, write)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    print(f"extract_package: peak traced memory {peak / MIB:.2f} MiB")
    assert sizes["content/videos/lecture.mp4"] == 60 * MIB
    assert peak < 20 * MIB
