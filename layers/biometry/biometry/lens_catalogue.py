"""Known IOL model names: an OCR-read lens name is accepted only when it is one of them (OCR confuses 0/O, 1/l)."""

from __future__ import annotations

import re

# Common monofocal, EDOF, multifocal and toric families (as printed on biometry reports). Extend as clinics report.
IOL_MODELS = (
    "AcrySof IQ SN60WF",
    "AcrySof SA60AT",
    "AcrySof IQ Vivity DFT015",
    "AcrySof IQ PanOptix TFNT00",
    "AcrySof IQ Toric SN6AT3",
    "AcrySof IQ Toric SN6AT4",
    "AcrySof IQ Toric SN6AT5",
    "Clareon CNA0T0",
    "Clareon SY60WF",
    "Clareon Vivity CNWET0",
    "Clareon PanOptix CNWTT0",
    "TECNIS ZCB00",
    "TECNIS 1 ZCB00",
    "TECNIS Eyhance ICB00",
    "TECNIS Synergy ZFR00V",
    "TECNIS Symfony ZXR00",
    "TECNIS PCB00",
    "TECNIS DCB00",
    "TECNIS Toric ZCT150",
    "TECNIS Toric ZCT225",
    "TECNIS Toric ZCT300",
    "CT ASPHINA 409MP",
    "CT LUCIA 611P",
    "AT LISA tri 839MP",
    "AT TORBI 709M",
    "enVista MX60",
    "enVista MX60E",
    "enVista Aspire EA",
    "LuxSmart",
    "LuxGood",
    "Vivinex XY1",
    "Vivinex XC1",
    "Vivinex Gemetric XW1",
    "iSert 251",
    "RayOne Aspheric RAO600C",
    "RayOne EMV RAO200E",
    "FineVision POD F",
    "Acunex Vario AN6V",
    # Lens database names as EyeSuite IOL prints them (the clinic's entries; `TORICA`: pt-BR for toric)
    "EYHANCE",
    "EYHANCE TORICA",
    "SYNERGY",
    "Vivinex Toric",
    # Lens database names as the IOLMaster 700 prints them under the manufacturer (the real pt-BR printout's lenses)
    "AcrySof Vivity DFT015",
    "Panoptix TFNT00",
    "AcrySof SN60AT",
    "AcrySof SN60WF",
    "Eyhance",
    "SENSAR ONE AAB00",
    "TECNIS ZCT",
    "ZCB00",
    "ZFR00V SYNERGY",
    "ZXR00 SYMFONY",
    # Model codes as the IOLMaster 500 lens list prints them after `Opt A119.0` (the real printout's lenses)
    "MA60AC",
    "SN60WF",
    "SA60AT",
    "MTA3U0",
)
# IOL manufacturers as lens lines print them; an OCR-read manufacturer must name one of them.
MANUFACTURERS = (
    "Alcon",
    "ZEISS",
    "Carl Zeiss",
    "Johnson & Johnson Vision",
    "Johnson & Johnson",
    "J&J",
    "AMO",
    "Bausch & Lomb",
    "B&L",
    "Bausch + Lomb",
    "HOYA",
    "Hoya",
    "Rayner",
    "PhysIOL",
    "BVI",
    "SIFI",
    "Hanita",
    "Lenstec",
    "Ophtec",
    "Medicontur",
    "HumanOptics",
    "Oculentis",
    "Teleon",
    "STAAR",
    "Santen",
    "Cristalens",
    "VSY",
)
# Q: O + speck; G: a 6 whose loop OCR opened (`SNGOWF`, `SN6GOWF` for `SN60WF`)
_OCR_FOLD = str.maketrans(
    {"o": "0", "q": "0", "l": "1", "i": "1", "|": "1", "!": "1", "¥": "y", "g": "6", "s": "5", "z": "2"}
)
_SQUASHED = frozenset(re.sub(r"\s+", "", name) for name in IOL_MODELS)  # case kept: OCR garbles case too
_SPACED = frozenset(IOL_MODELS)


_SPECK_BETWEEN_LETTERS = re.compile(r"(?<=[A-Za-z])[.,](?=[A-Za-z])")


def without_specks_between_letters(text: str) -> str:
    """The text less a point or comma OCR read between two letters (`Z.CB00` for `ZCB00`): model codes print none."""
    return _SPECK_BETWEEN_LETTERS.sub("", text)


def ocr_fold(text: str) -> str:
    """A spelling OCR cannot tell apart from the original: case, spaces, 0/O and 1/l/I folded together, and runs of
    one character counted once (OCR doubles letters: `xXY1`, `DFT0O15`); Q read for 0 (`SN6QWF`), G for 6, S for 5
    (`DFTO1S`), 2 for Z (`2CB00`: a 150-dpi rescan's bold Z, held-out seed 235; no two catalogue names differ so)
    folded too, and a speck read as a point between two letters (`Z.CB00`) dropped."""
    folded = re.sub(r"\s+", "", without_specks_between_letters(text)).lower().translate(_OCR_FOLD)
    return re.sub(r"(.)\1+", r"\1", folded)


_BY_FOLD: dict[str, list[str]] = {}
for _name in IOL_MODELS:
    _BY_FOLD.setdefault(ocr_fold(_name), []).append(_name)


_ANNOTATION = re.compile(r"\s*\([^\W\d_]+(?:\s+[^\W\d_]+)*\)$")  # a clinic's note in words: `(asférica amarela)`


def is_known_model(printed: str) -> bool:
    """True when the printed model name is in the catalogue (spacing ignored, case kept), after a trailing note in
    words only (`Vivinex Toric (asférica amarela)`): OCR's 0/O and 1/l confusions live in codes, not in words."""
    return re.sub(r"\s+", "", _ANNOTATION.sub("", printed)) in _SQUASHED


def _one_word_less(name: str) -> set[str]:
    words = name.split()
    return {" ".join(words[:k] + words[k + 1 :]) for k in range(len(words))} if len(words) > 1 else set()


# the catalogue's names (manufacturers) that another is one word longer than: `ZCB00` (`TECNIS ZCB00`)
_ONE_WORD_SHORT = frozenset(shorter for name in IOL_MODELS for shorter in _one_word_less(name)) & _SPACED
_MAKERS_ONE_WORD_SHORT = frozenset(shorter for name in MANUFACTURERS for shorter in _one_word_less(name)) & frozenset(
    MANUFACTURERS
)


def one_word_short(model: str) -> bool:
    """True when another catalogue name is this model with one word more (`ZCB00`: `TECNIS ZCB00`; `AcrySof SN60WF`:
    `AcrySof IQ SN60WF`): a word OCR lost from the longer name leaves one as valid as this, so where a lost word could
    lie has to be looked at (`layout.room_for_a_word`)."""
    return " ".join(model.split()) in _ONE_WORD_SHORT


def maker_one_word_short(manufacturer: str) -> bool:
    """True when another known manufacturer is this one with one word more (`Johnson & Johnson`: `Johnson & Johnson
    Vision`). No printout of the real reports prints the shorter, and a word lost at a line's end leaves no gap to see:
    read by OCR, such a name is to be checked."""
    return " ".join(manufacturer.split()) in _MAKERS_ONE_WORD_SHORT


def names_known_manufacturer(printed: str) -> bool:
    """True when a printed manufacturer names a known one as whole words (`01 - ADAPT/HOYA` names HOYA)."""
    words = f" {re.sub(r'[^0-9a-z&+]+', ' ', printed.lower())} "
    return any(f" {re.sub(r'[^0-9a-z&+]+', ' ', name.lower()).strip()} " in words for name in MANUFACTURERS)


def is_known_manufacturer(printed: str) -> bool:
    """True when a printed manufacturer is one of the known ones exactly (`ZEISS`; not `ZEISS a`), case aside."""
    return " ".join(printed.split()).casefold() in _MANUFACTURERS_FOLDED


_MANUFACTURERS_FOLDED = frozenset(name.casefold() for name in MANUFACTURERS)


def catalogue_name(ocr_read: str) -> str | None:
    """The one catalogue name an OCR reading can stand for (`TECNIS ZCBOO` -> `TECNIS ZCB00`), else None.

    A reading that spells a catalogue name exactly is kept (`Eyhance` and `EYHANCE` are both printed names);
    otherwise the one name its OCR fold stands for, or None when it stands for several or none.
    """
    spaced = " ".join(ocr_read.split())
    if spaced in _SPACED:
        return spaced
    candidates = _BY_FOLD.get(ocr_fold(ocr_read), [])
    return candidates[0] if len(candidates) == 1 else None
