"""Allow-list redaction: every word that is not biometry vocabulary or a measurement-shaped number becomes `[x]`.

Works on positioned words, so the layout (lines, eye columns) survives. A cell (words on a line closer than
`CELL_GAP` characters) with a masked word or three bare integers in a row has its numbers masked too:
`MRN 0012`, `Tel 555 123`, `12 Main St`, `612 345 678`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby

from biometry.document import Document, Line, Page, Word, union_bbox
from biometry.redact.dates import date_placeholders, date_spans
from biometry.redact.vocabulary import FREE_WORDS, PHRASES

MASK = "[x]"
CELL_GAP = 1.5  # a gap wider than this many character widths starts a new cell
BARE_INTEGER_RUN = 3
_STRIP = "*()[]{}<>:;,.!?\"'|«»“”‘’"
_NUMBER = re.compile(r"(?:0|[1-9]\d{0,2})(?:[.,]\d{1,4})?")
_DECIMAL = re.compile(r"\d{1,3}[.,]\d{1,4}")
_PARTS = re.compile(r"[^\W\d_]+|\d+(?:[.,:/\-]\d+)*|.")
# An IOLMaster 500 box caption: a short prefix, the A constant and a catalogue lens code fused (`OptA119.1MA60AC`).
_LENS_CAPTION = re.compile(r"^(?:opt)?a?\d{2,3}[.,]\d{1,2}(?P<model>[^\W_][\w-]*)$")  # on the casefolded key


def key(text: str) -> str:
    """A word as the vocabulary spells it: case-folded, no marks around it, no `®`/`(R)`/`™`, bold stars; `º` is `°`."""
    folded = text.replace("º", "°").casefold()
    return re.sub(r"®|™|\(r\)", "", folded).strip(_STRIP)


def _phrase_index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for number, phrase in enumerate(PHRASES):
        for word in filter(None, map(key, phrase.split())):
            index.setdefault(word, set()).add(-1 if len(phrase.split()) == 1 else number)
    return {word: frozenset(ids) for word, ids in index.items()}


_PHRASE_OF = _phrase_index()


def redact_document(document: Document, identifiers: Iterable[str] = ()) -> Document:
    """A copy of `document` whose words are kept only when allowed; words equal to an identifier never are.

    A masked numeric date shows as its placeholder (`[date-2]`), so the LLM can point at the exam date.
    """
    banned = frozenset(key(identifier) for identifier in identifiers)
    placeholders = date_placeholders(document)
    pages = [_page(page, banned, placeholders) for page in document.pages]
    return Document(document.filename, document.media_type, document.sha256, pages)


def _page(page: Page, banned: frozenset[str], placeholders: dict[str, str]) -> Page:
    lines = [Line(tuple(_line_words(line, banned, placeholders))) for line in page.lines]
    words = [w for line in lines for w in line.words]
    return Page(page.number, page.width_pt, page.height_pt, page.source, words, _lines=lines)


def _line_words(line: Line, banned: frozenset[str], placeholders: dict[str, str]) -> list[Word]:
    keys = [key(w.text) for w in line.words]
    kept = [_allowed(i, keys, banned) for i in range(len(keys))]
    out: list[Word] = []
    for cell in _cells(line.words):
        clean = all(kept[i] for i in cell) and not _digit_groups(keys[i] for i in cell)
        out += _merged([(line.words[i], kept[i] and (clean or not _has_digit(keys[i]))) for i in cell], placeholders)
    return out


def _digit_groups(keys: Iterable[str]) -> bool:
    """Three bare integers in a row (`612 345 678`): a phone or an ID printed in groups, not a measurement."""
    run = 0
    for word in keys:
        run = run + 1 if word.isdigit() else 0
        if run >= BARE_INTEGER_RUN:
            return True
    return False


def _cells(words: Sequence[Word]) -> list[list[int]]:
    cells: list[list[int]] = []
    for i, word in enumerate(words):
        if cells and _gap_in_chars(words[i - 1], word) <= CELL_GAP:
            cells[-1].append(i)
        else:
            cells.append([i])
    return cells


def _gap_in_chars(left: Word, right: Word) -> float:
    char_width = max((left.bbox[2] - left.bbox[0]) / max(len(left.text), 1), 1e-6)
    return (right.bbox[0] - left.bbox[2]) / char_width


def _merged(decided: list[tuple[Word, bool]], placeholders: dict[str, str]) -> list[Word]:
    """Kept words as they are; each run of masked words as one `[x]` over their boxes, a date as its placeholder."""
    out: list[Word] = []
    for kept, group in groupby(decided, key=lambda pair: pair[1]):
        words = [word for word, _ in group]
        out += words if kept else _masked(words, placeholders)
    return out


def _masked(words: list[Word], placeholders: dict[str, str]) -> list[Word]:
    """A run of masked words: each printed date as its placeholder over its boxes, the rest as `[x]` runs."""
    out: list[Word] = []
    done = 0
    for start, end, text in date_spans(words):
        if (shown := placeholders.get(text)) is not None:
            out += [*_mask_run(words[done:start]), Word(shown, union_bbox(w.bbox for w in words[start:end]))]
            done = end
    return out + _mask_run(words[done:])


def _mask_run(words: list[Word]) -> list[Word]:
    return [Word(MASK, union_bbox(w.bbox for w in words))] if words else []


def _allowed(i: int, keys: list[str], banned: frozenset[str]) -> bool:
    word = keys[i]
    if word in banned:
        return False
    if word in FREE_WORDS or _in_phrase(word, _neighbours(i, keys)) or _lens_caption(word):
        return True
    return all(_part_allowed(part) for part in _PARTS.findall(word))


def _lens_caption(word: str) -> bool:
    caption = _LENS_CAPTION.match(word)
    return caption is not None and _has_digit(caption["model"]) and caption["model"] in _PHRASE_OF


def _neighbours(i: int, keys: list[str]) -> list[str]:
    before = next((k for k in reversed(keys[:i]) if k), "")
    after = next((k for k in keys[i + 1 :] if k), "")
    return [before, after]


def _in_phrase(word: str, neighbours: list[str]) -> bool:
    """A phrase word next to a word of its phrase; a one-word phrase or a lens code (has a digit) anywhere."""
    phrases = _PHRASE_OF.get(word)
    if not phrases:
        return False
    if -1 in phrases or _has_digit(word):
        return True
    return any(phrases & _PHRASE_OF.get(n, frozenset()) for n in neighbours)


def _part_allowed(part: str) -> bool:
    if part[0].isdigit():
        return _measurement_number(part)
    if part[0].isalpha() or part == "_":
        return part in FREE_WORDS
    return True


def _measurement_number(chain: str) -> bool:
    """`23,41`, `541`, `1.3375`, `44.06/7.66`; not `00123456`, `4567`, `10/02/1933`, `123-45-6789`, `1.90.18`."""
    if _NUMBER.fullmatch(chain):
        return True
    halves = chain.split("/")
    return len(halves) == 2 and all(_DECIMAL.fullmatch(h) for h in halves)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)
