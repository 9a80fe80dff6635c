"""IOLMaster 700: the null `---` after an eye label that OCR read as a digit or letters, known by the height of its box.

The device prints a value it did not measure as three dashes in small grey type (`TK2: ---`). OCR reads them as a
digit now and then, with nothing else after the label: a real photo of page 4 (seed 389) read OS `TK2: ---` as
`TK2: 2`, a lone digit no value is printed as, so TK2 went to review as printed and unread (a one-page photo has no
other page to vote the null). The word's own box tells: OCR boxed the dashes' ink, 4 pixels tall beside a 24-pixel
label, and no digit is flatter than the label's type. A lone digit right after an eye label whose box is no taller
than FLAT_SHARE of the label's is read as the null; a digit as tall as type stays as read (completeness counts it).
"""

from __future__ import annotations

import dataclasses

from PIL import Image

from biometry.devices.iolmaster700 import FOOTER
from biometry.devices.iolmaster700.printed import FIELDS_OF_LABEL, vocabulary_label
from biometry.devices.measurements import label_spelling
from biometry.document import Word, group_lines

NULL = "---"  # as the device prints it
FLAT_SHARE = 0.4  # of the label's box height: the dashes' box (the real photo: 0.17), a digit's at least ~0.9


def with_flat_nulls(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each word after an eye label boxed flatter than type read as the null `---` (see the
    module); the words unchanged on any other page. `image` is not needed: the boxes tell."""
    del image
    if not FOOTER.search(" ".join(w.text for w in words)):
        return words
    flat = {
        id(after)
        for line in group_lines(words)
        for label, after, following in zip(line.words, line.words[1:], [*line.words[2:], None], strict=False)
        if vocabulary_label(label_spelling(label.text)) in FIELDS_OF_LABEL
        and after.height <= FLAT_SHARE * label.height
        and any(ch.isalnum() for ch in after.text)
        and not (following is not None and any(ch.isdigit() for ch in following.text))
    }
    return [dataclasses.replace(w, text=NULL) if id(w) in flat else w for w in words]
