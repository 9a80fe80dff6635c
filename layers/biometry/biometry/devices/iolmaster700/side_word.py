"""The side word an analysis page prints beside its big eye label (`OD direita`, `Análise OS esquerda`).

The real printout names the eye twice in its label band: the big `OD`/`OS` and, in small type beside or under it,
the UI language's word for the side. OCR loses the big letters now and then (a framed band, large thin type); the
side word then still names the page's eye, by the page's own layout. Words are matched whole, case aside, in every
UI language the device prints (both genders where a language has them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from biometry.document import Line
from biometry.models import EyeSide

SIDE_WORDS: dict[str, EyeSide] = {
    **dict.fromkeys(("right", "rechts", "direita", "direito", "derecho", "derecha", "droit", "droite"), "OD"),
    **dict.fromkeys(("left", "links", "esquerda", "esquerdo", "izquierdo", "izquierda", "gauche"), "OS"),
}
_SPECKS = re.compile(r"^\W+|\W+$")  # `‘links.`: marks OCR sets at a word's ends


def sides_named(lines: Iterable[Line], above: float) -> set[EyeSide]:
    """The eyes the side words name in the lines that start above `above` (the page's first measurement line), a
    header field's value aside (a word after a `Label:` on its line)."""
    named: set[EyeSide] = set()
    for line in lines:
        if line.bbox[1] >= above:
            continue
        texts = [w.text for w in line.words]
        for index, text in enumerate(texts):
            side = SIDE_WORDS.get(_SPECKS.sub("", text).casefold())
            if side is not None and not any(before.endswith(":") for before in texts[:index]):
                named.add(side)
    return named
