"""A one-off `mkdocs build` fixes glibc's mmap threshold (engines/mkdocs/allocator.py): a large
block freed after a larger one was is given back to the system, not kept resident in the heap."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"

PROGRAM = textwrap.dedent(
    """
    import sys
    from mkdocs_postmortem.engines.mkdocs.allocator import return_large_blocks

    def resident_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024

    if sys.argv[1] == "fixed":
        assert return_large_blocks()
    page = bytearray(24 << 20)  # a large page written and freed: glibc raises its threshold to its size
    del page
    blocks, pins = [], []
    for _ in range(48):
        blocks.append(bytearray(1 << 20))
        pins.append(bytearray(2048))  # still alive, between the freed blocks
    held = resident_mb()
    del blocks
    print(held - resident_mb())
    """
)


def given_back_mb(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.skipif(not GLIBC, reason="the threshold is glibc's")
def test_large_blocks_freed_are_given_back_once_the_threshold_is_fixed():
    assert given_back_mb("fixed") >= 40  # the 48 blocks of 1 MB, each its own mapping
    assert given_back_mb("default") <= 8  # what glibc does unfixed: the blocks stay in the heap


def test_the_threshold_is_left_alone_where_the_c_library_is_not_glibc(monkeypatch):
    from mkdocs_postmortem.engines.mkdocs import allocator

    monkeypatch.setattr(allocator.sys, "platform", "darwin")
    assert allocator.return_large_blocks() is False
