"""EyeSuite words the page pass read twice in part, joined again.

On a rescan tesseract now and then splits a word and reads the letters at the split twice, once at the end of the
first part and once at the start of the second, their boxes overlapping over those letters (`SYNER` and `ERGY` for
`SYNERGY`, the real Eyestar's 150-dpi rescan of seed 3): the lens name is then no catalogue name and its block goes
to review. Two words of letters on one line whose boxes overlap, where the first ends with the letters the second
starts with (two at least) and the overlap is about as wide as those letters, are the one word read twice: they are
joined, the shared letters once. Numbers are never joined (a table cell's digits read twice stay for the parser's
checks), and pages without EyeSuite's words (another device's) keep theirs.
"""

from __future__ import annotations

import itertools

from PIL import Image

from biometry.devices.eyesuite.cells import is_eyesuite_page
from biometry.document import Word, group_lines, union_bbox

MIN_SHARED = 2  # letters read twice at a split: fewer is a coincidence of spelling (`Toric` `Clareon`)
OVERLAP_SHARE = (0.5, 1.6)  # the boxes' overlap against the shared letters' width (their share of the first word)


def with_doubled_reads_joined(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each word read twice in part (`SYNER` `ERGY`) joined again; the words unchanged on
    another device's page."""
    if not is_eyesuite_page(words):
        return words
    joined: dict[int, Word] = {}
    dropped: set[int] = set()
    for line in group_lines(words):
        for first, second in itertools.pairwise(line.words):
            if id(first) in dropped or id(first) in joined:
                continue
            shared = _shared_letters(first, second)
            if shared:
                joined[id(first)] = _joined(first, second, shared)
                dropped.add(id(second))
    return [joined.get(id(w), w) for w in words if id(w) not in dropped]


def _joined(first: Word, second: Word, shared: int) -> Word:
    """One word from two read over `shared` letters of each other (the less sure of the two readings' confidence)."""
    box = union_bbox([first.bbox, second.bbox])
    return Word(first.text + second.text[shared:], box, first.bold, min(first.confidence, second.confidence))


def _shared_letters(first: Word, second: Word) -> int:
    """How many letters end `first` and start `second` where the two boxes overlap over about them; else 0."""
    if not (first.text.isalpha() and second.text.isalpha()):
        return 0
    overlap = first.bbox[2] - second.bbox[0]
    if overlap <= 0 or second.bbox[2] <= first.bbox[2]:
        return 0
    letter = (first.bbox[2] - first.bbox[0]) / len(first.text)
    for shared in range(min(len(first.text), len(second.text)) - 1, MIN_SHARED - 1, -1):
        if first.text.endswith(second.text[:shared]):
            low, high = OVERLAP_SHARE
            return shared if low * shared * letter <= overlap <= high * shared * letter else 0
    return 0
