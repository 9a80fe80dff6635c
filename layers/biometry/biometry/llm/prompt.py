"""The one prompt builder every LLM provider uses: instructions, fields, layout-preserving text."""

from __future__ import annotations

from biometry.document import Document, Line, Page, Word
from biometry.errors import PhiUnredactable
from biometry.llm.schema import field_names
from biometry.models import Patient
from biometry.redact import MASK, identifier_words, leftover_identifiers, redact_document

COLUMNS = 120
INSTRUCTIONS = (
    "You extract ophthalmic biometry measurements from the text of one printed report into JSON. "
    "Copy numbers exactly as printed, with a decimal point and no units. A value that is not printed, "
    "or printed as --- or --, is null: never 0 and never a guess. OD is the right eye, OS the left eye; "
    "decide the eye from the layout (page label, left or right half of the page), never from text order. "
    "K1 is the flat meridian (lower power), K2 the steep one. "
    "Bold numbers are wrapped in *asterisks*: a bold IOL row is the selected one. "
    f"Only measurement vocabulary and numbers are shown: every other word (names, addresses, identifiers) "
    f"is replaced by {MASK}; ignore those. Each printed date is replaced by a numbered placeholder such as "
    "[date-2]: answer exam_date with the placeholder of the measurement (exam) date, not of a birth, "
    "calibration or print date, or null when no date is labelled as the measurement date."
)


def build_prompt(page_text: str, device_hint: str | None) -> str:
    """The one user message every provider and the training data use: instructions, device hint, the fields to
    fill, and the report text. No provider adds a system message of its own."""
    hint = f"Device (detected from the footer): {device_hint}\n" if device_hint else "Device: unknown\n"
    fields = ", ".join(field_names())
    return (
        f"{INSTRUCTIONS}\n{hint}Per eye, fill only these fields: {fields}.\n"
        "IOL calculations: one entry per result box (eye, formula, lens, constants, target, rows top to "
        "bottom, emmetropia power).\n"
        f"Report text (layout preserved, page by page):\n<report>\n{page_text}\n</report>"
    )


def redacted_layout_text(document: Document, patient: Patient | None) -> str:
    """The layout text a third party may see: allow-listed words only, proved free of identifiers.

    Raises PhiUnredactable (the document goes to review) when anything identifying survives the allow-list.
    """
    identifiers = identifier_words(layout_text(document), patient)
    text = layout_text(redact_document(document, identifiers))
    if leftovers := leftover_identifiers(text, patient):
        raise PhiUnredactable(f"{len(leftovers)} identifier(s) survived redaction; the text was not sent.")
    return text


def layout_text(document: Document, columns: int = COLUMNS) -> str:
    """The document as monospaced text: words placed by their x position, so OD/OS halves stay apart."""
    return "\n".join(_page_text(page, columns) for page in document.pages)


def _page_text(page: Page, columns: int) -> str:
    rows = [_line_text(line, columns) for line in page.lines]
    return f"=== Page {page.number} ===\n" + "\n".join(rows)


def _line_text(line: Line, columns: int) -> str:
    text = ""
    words = _without_overprint(line.words)
    for word in words:
        column = round(word.bbox[0] * columns)
        gap = max(column - len(text), 1 if text else 0)
        text += " " * gap + (f"*{word.text}*" if word.bold and _has_digit(word.text) else word.text)
    return text


def _without_overprint(words: tuple[Word, ...]) -> list[Word]:
    """Drop copies of a word drawn again at (nearly) the same place to fake bold."""
    kept: list[Word] = []
    for word in words:
        if not any(k.text == word.text and abs(k.bbox[0] - word.bbox[0]) < 0.004 for k in kept):
            kept.append(word)
    return kept


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)
