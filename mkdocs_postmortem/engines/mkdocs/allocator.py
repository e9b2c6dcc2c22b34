"""Large blocks given back to the system as soon as they are freed, in a one-off build.

glibc's malloc serves a block over its mmap threshold (128 KB at start) with a
mapping of its own, unmapped when freed; but each time such a block is freed
it raises the threshold to that block's size (up to 32 MB). After the first
large page of a build is written (the action tracker, several MB), every
block below that size comes from the heap, where what is freed stays resident
behind what is still alive: the build's resident size then grows by what the
search index and the written pages made for a moment. Fixing the threshold
(`mallopt(M_MMAP_THRESHOLD, ...)`, which also turns the raising off) keeps
large blocks in mappings that are returned when freed.

Only for `mkdocs build`: a process that ends after one build. Elsewhere (not
glibc, no `mallopt`) nothing is changed.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
LARGE_BLOCK = 128 * 1024  # glibc's own starting threshold, kept from then on


def return_large_blocks() -> bool:
    """Fix the allocator's mmap threshold; True when the C library took it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK) == 1
