"""IOLMaster 700 formula captions and lens headings garbled by the page pass are read again where the band's other
boxes print theirs, and replace the page pass's words only where they read a known formula (a catalogue lens)."""

from __future__ import annotations

import pytest
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.devices.iolmaster700 import captions
from biometry.devices.iolmaster700.boxes import is_table_unit
from biometry.devices.iolmaster700.captions import (
    _Box,
    _caption_meaning,
    _lowered,
    _mirror_formula,
    _read_caption_line,
    _read_heading_line,
    _read_on_white,
    _reads_caption,
    _side_by_side,
    _stands_alone,
    with_box_captions,
)
from biometry.document import Line, Word, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.tesseract import TesseractWord
from tests.printed_pages import printed_page

PAGE_PT = (420.0, 160.0)
SIZE_PT = 9.0
HEADER = (("IOL", -45), ("(D)", -28), ("Ref", 22), ("(D)", 40))  # a table header's words, offsets from its middle


def _centred(text: str, middle: float, baseline: float) -> tuple[str, float, float]:
    return text, middle - stringWidth(text, "Helvetica", SIZE_PT) / 2, baseline


def _box(middle: float, heading: str, caption: str, constants: str) -> list[tuple[str, float, float]]:
    """One result box as printed: lens heading, formula caption, constants, then its table header's four words."""
    return [
        *(_centred(word, middle + offset, 30) for word, offset in _spread(heading)),
        *(_centred(word, middle + offset, 45) for word, offset in _spread(caption)),
        _centred(constants, middle, 57),
        *(_centred(word, middle + offset, 69) for word, offset in HEADER),
    ]


def _spread(line: str) -> list[tuple[str, float]]:
    """The words of a centred line with their middles' offsets from the line's middle (points)."""
    space = stringWidth(" ", "Helvetica", SIZE_PT)
    widths = [stringWidth(word, "Helvetica", SIZE_PT) for word in line.split()]
    left = -(sum(widths) + space * (len(widths) - 1)) / 2
    out = []
    for word, width in zip(line.split(), widths, strict=True):
        out.append((word, left + width / 2))
        left += width + space
    return out


def _band(first_caption: str = "- Haigis -", above: str = "") -> tuple[Image.Image, list[Word]]:
    """A band of two boxes (Haigis, SRK/T) of the same lens, and the device's footer; `above`: a line printed over
    each box's heading (the band above's last line)."""
    printed = [*_box(100, "Alcon AcrySof SN60WF", first_caption, "A0: -1,302"),
               *_box(310, "Alcon AcrySof SN60WF", "- SRK/T -", "A: 119,30"),
               *(_centred(word, middle + offset, 19) for middle in (100, 310) for word, offset in _spread(above)),
               ("IOLMaster", 20, 150), ("700", 70, 150)]  # fmt: skip
    return printed_page(printed, PAGE_PT, align="left", size_pt=SIZE_PT)


def _garbled(words: list[Word], texts: set[str], read: str, *, left_of: float) -> list[Word]:
    """The words with those of `texts` left of `left_of` (page fraction) read as one word of no meaning over them."""
    parts = [w for w in words if w.text in texts and w.x_center < left_of]
    garbled = Word(read, union_bbox([w.bbox for w in parts]), confidence=0.0)
    return [garbled, *(w for w in words if not any(w is part for part in parts))]


def test_a_garbled_caption_is_read_again_where_the_neighbour_box_prints_its_caption() -> None:
    image, words = _band()
    read = _garbled(words, {"-", "Haigis"}, "-nenitemereaitl-", left_of=0.5)
    texts = [w.text for w in with_box_captions(image, read)]
    assert "Haigis" in texts and "-nenitemereaitl-" not in texts


def test_a_garbled_lens_heading_is_read_again_with_the_garbled_caption() -> None:
    image, words = _band()
    read = _garbled(_garbled(words, {"-", "Haigis"}, "°", left_of=0.5), {"Alcon", "AcrySof", "SN60WF"}, "Eerie",
                    left_of=0.5)  # fmt: skip
    refined = with_box_captions(image, read)
    in_order = sorted(refined, key=lambda w: (round(w.y_center, 2), w.bbox[0]))
    left = " ".join(w.text for w in in_order if w.x_center < 0.5)
    assert "Alcon AcrySof SN60WF" in left and "Haigis" in left and "Eerie" not in left


def test_a_lens_heading_that_lost_its_model_is_read_again_under_a_caption_read() -> None:
    # a 200-dpi rescan (held-out seed 330) lost a box's model line `ZCB00` whole under its manufacturer's line: the
    # lens read `Vision`, not in the catalogue
    image, words = _band()
    lost = next(w for w in words if w.text == "SN60WF" and w.x_center < 0.5)
    refined = with_box_captions(image, [w for w in words if w is not lost])
    assert [w.text for w in refined if w.x_center < 0.5].count("SN60WF") == 1


def test_a_two_line_heading_whose_manufacturer_reads_garbled_is_read_again() -> None:
    # a 300-dpi rescan (held-out seed 337), page 12: `Joh nson & Joh inson Vision Visi --` over `ZFR00V SYNERGY`; its
    # model read, the box was taken for named and its heading kept (`iol_manufacturer_unverified`)
    printed = [*(_centred(word, middle + offset, baseline) for middle in (100, 310)
                 for line, baseline in (("Johnson & Johnson Vision --", 22), ("ZFR00V SYNERGY", 32))
                 for word, offset in _spread(line)),
               *(item for middle, caption in ((100, "- Haigis -"), (310, "- SRK/T -"))
                 for item in _box(middle, "", caption, "A0: -1,302")),
               ("IOLMaster", 20, 150), ("700", 70, 150)]  # fmt: skip
    image, words = printed_page(printed, PAGE_PT, align="left", size_pt=SIZE_PT)
    read = _garbled(words, {"Johnson", "&", "Vision"}, "Joh nson & Joh inson Vision Visi", left_of=0.5)
    refined = with_box_captions(image, read)
    left = " ".join(
        w.text for w in sorted(refined, key=lambda w: (round(w.y_center, 2), w.bbox[0])) if w.x_center < 0.5
    )
    assert "Johnson & Johnson Vision" in left and "Visi" not in left.split()


def test_a_lens_heading_read_under_the_band_aboves_last_line_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # a photo of the real printout's page 13 (held-out seed 318): the reach above a caption took in the band above's
    # last line (`ATK: ---`), the three lines named no lens, and a heading read right was read again, garbled
    image, words = _band(above="+21,39 Emetropia")
    monkeypatch.setattr(captions, "_read_heading_line", _never_read)
    assert with_box_captions(image, words) == words


def _never_read(*_: object) -> None:
    raise AssertionError("a heading read right was read again")


@pytest.mark.parametrize("unit", ["(0)", "[D)", "(D}"])
def test_a_garbled_caption_is_read_again_where_a_header_unit_of_the_band_reads_misread(unit: str) -> None:
    # a 150-dpi rescan read the neighbour's `Ref (D)` as `(0)`: the band's units are still paired table by table
    image, words = _band()
    last = max((w for w in words if w.text == "(D)"), key=lambda w: w.bbox[0])
    misread = [Word(unit, w.bbox, confidence=w.confidence) if w is last else w for w in words]
    read = _garbled(misread, {"-", "Haigis"}, "-nenitemereaitl-", left_of=0.5)
    texts = [w.text for w in with_box_captions(image, read)]
    assert "Haigis" in texts and "-nenitemereaitl-" not in texts


def test_a_header_unit_is_the_printed_unit_with_a_bracket_or_its_d_misread_and_nothing_else() -> None:
    assert all(is_table_unit(text) for text in ("(D)", "(0)", "[D)", "(D]", "{D)", "(D}"))
    assert not any(is_table_unit(text) for text in ("(!)", "(*)", "D", "(D", "(DD)", "IOL(D)", "(D/°]"))


def test_a_caption_that_reads_no_known_formula_alone_either_keeps_its_words() -> None:
    image, words = _band("- Zebra -")  # a caption this product does not know: left for the parser's checks
    assert with_box_captions(image, words) == words


def test_a_band_whose_captions_read_keeps_its_words() -> None:
    image, words = _band()
    assert with_box_captions(image, words) == words


def test_another_devices_page_keeps_its_words() -> None:
    image, words = _band()
    read = _garbled([w for w in words if w.text not in {"IOLMaster", "700"}], {"-", "Haigis"}, "°", left_of=0.5)
    assert with_box_captions(image, read) == read


def _caption_read_again(top: float, bottom: float) -> tuple[list[Box], list[Word]]:
    """A `- Haigis -` caption read again on the band (top, bottom) of a box spanning x 0.75-0.94 of a 1000 px page."""
    words = [Word("-", (0.786, top, 0.791, bottom)), Word("Haigis", (0.795, top, 0.841, bottom)),
             Word("-", (0.841, top, 0.842, bottom))]  # fmt: skip
    return [Box(750, round(top * 1000) - 1, 940, round(bottom * 1000) + 1)], words


A1_LINE = [Word("At:", (0.784, 0.5915, 0.800, 0.6102)), Word("+0210", (0.804, 0.5915, 0.841, 0.6105))]


def test_a_caption_read_again_is_taken_where_it_stands_alone_as_a_caption() -> None:
    box = _Box(0.75, 0.94, None, False)
    assert _stands_alone([], _caption_read_again(0.5884, 0.5969), box, (1000, 1000), [])


def test_words_boxed_from_a_caption_read_again_down_into_the_next_line_start_below_it() -> None:
    # held-out 150-dpi rescans: a Haigis box's `A1: +0,210` read `At: +0210` and boxed up over the caption's band;
    # kept there, they joined the caption's line, and the box was read with no caption
    caption = _caption_read_again(0.5884, 0.5969)
    lowered = _lowered(A1_LINE, caption, (1000, 1000))
    assert [w.text for w in lowered] == ["At:", "+0210"]
    assert all(w.bbox[1] == 0.598 and w.bbox[3] > 0.61 for w in lowered)


def test_a_caption_read_again_stands_alone_once_the_words_boxed_over_it_start_below_it() -> None:
    box, caption = _Box(0.75, 0.94, None, False), _caption_read_again(0.5884, 0.5969)
    assert not _stands_alone(A1_LINE, caption, box, (1000, 1000), [])
    assert _stands_alone(_lowered(A1_LINE, caption, (1000, 1000)), caption, box, (1000, 1000), [])


def test_a_value_boxed_from_a_caption_read_again_a_third_of_its_band_down_starts_below_it() -> None:
    # a Holladay 2 box's `ACD: +5,724` read `+5724` from the caption's band down into its own line, its middle level
    # with the caption's lower edge
    lowered = _lowered(
        [Word("+5724", (0.7875, 0.7538, 0.8298, 0.7683))], _caption_read_again(0.7495, 0.7601), (1000, 1000)
    )
    assert lowered[0].bbox[1] > 0.7601


def test_words_within_or_below_a_caption_read_again_keep_their_boxes() -> None:
    caption = _caption_read_again(0.5884, 0.5969)
    words = [Word("A0:", (0.725, 0.6002, 0.741, 0.6069)), Word("Haigis", (0.795, 0.5884, 0.841, 0.5969)),
             Word("2", (0.815, 0.5900, 0.822, 0.5990))]  # fmt: skip
    assert _lowered(words, caption, (1000, 1000)) == words


def test_a_word_drawn_over_the_model_line_and_the_caption_joins_no_caption_read_again_with_the_heading() -> None:
    # held-out photo (seed 233), page 11: `‘veeie` boxed over an OS box's model `ZCB00` and its `- Haigis -` caption
    box, caption = _Box(0.75, 0.94, None, False), _caption_read_again(0.5884, 0.5969)
    over_two_lines = [Word("‘veeie", (0.780, 0.574, 0.844, 0.599), confidence=0.0)]
    model_line = Box(750, 574, 940, 586)
    assert not _stands_alone(over_two_lines, caption, box, (1000, 1000), [])
    assert _stands_alone(over_two_lines, caption, box, (1000, 1000), [model_line])


def test_a_word_drawn_from_the_model_line_into_the_caption_is_no_label_whatever_it_reads() -> None:
    # held-out photo (seed 295), page 11: an OD box's model `ZCB00` and its `- Barrett Universal II -` read `eal:` at
    # 0.07, boxed over both lines; taken for a label of the line below, it kept the caption read again from the box
    box, caption = _Box(0.75, 0.94, None, False), _caption_read_again(0.5884, 0.5969)
    over_two_lines = [Word("eal:", (0.780, 0.575, 0.844, 0.601), confidence=0.07)]
    model_line = Box(750, 574, 940, 586)
    assert _stands_alone(over_two_lines, caption, box, (1000, 1000), [model_line])


def test_a_caption_read_again_that_would_replace_a_value_or_label_is_not_taken() -> None:
    box = _Box(0.75, 0.94, None, False)
    assert not _stands_alone(A1_LINE, _caption_read_again(0.5884, 0.6110), box, (1000, 1000), [])


def test_two_readings_of_a_caption_agree_on_srk_t_whose_slash_each_read_as_another_letter() -> None:
    # held-out 150-dpi rescan: a box's `- SRK®/T -` lost by the page pass, read again `-SRK@IT-` and `-SRK@YT-`
    assert _caption_meaning("-SRK@IT-") == _caption_meaning("-SRK@YT-") == "- SRK/T -"


def test_a_reading_that_names_no_formula_means_its_characters() -> None:
    assert _caption_meaning("-Hoigus-") == "-Hoigus-"
    assert _caption_meaning("SRK@IT") == "SRK@IT"  # no caption without its dashes


def test_a_caption_read_again_may_name_formulas_one_letter_off_for_the_parser_to_choose_by_its_numbers() -> None:
    read = Line((Word("-", (0.30, 0.75, 0.31, 0.76)), Word("SRK@IT", (0.32, 0.75, 0.40, 0.76)),
                 Word("-", (0.41, 0.75, 0.42, 0.76))))  # fmt: skip
    garbage = Line((Word("-", (0.30, 0.75, 0.31, 0.76)), Word("Eerie", (0.32, 0.75, 0.40, 0.76)),
                    Word("-", (0.41, 0.75, 0.42, 0.76))))  # fmt: skip
    assert _reads_caption([read])
    assert not _reads_caption([garbage])


def test_a_word_tesseract_boxed_over_the_words_after_it_ends_where_the_next_starts() -> None:
    # held-out 150-dpi rescans: `Johnson` boxed over `& Johnson Vision` of its heading read again; the words after it
    # had been pushed past the box's edge, into the next box's heading
    read = [Word("Johnson", (0.3176, 0, 0.4902, 1)), Word("&", (0.3733, 0, 0.3804, 1)),
            Word("Johnson", (0.3867, 0, 0.4337, 1)), Word("Vision", (0.44, 0, 0.4804, 1))]  # fmt: skip
    placed = _side_by_side(read, 0.56, 0.57)
    assert [(w.bbox[0], w.bbox[2]) for w in placed] == [
        (0.3176, 0.3733),
        (0.3733, 0.3804),
        (0.3867, 0.4337),
        (0.44, 0.4804),
    ]
    assert all(w.bbox[1] == 0.56 and w.bbox[3] == 0.57 for w in placed)


def test_a_closing_dash_boxed_over_the_name_before_it_starts_where_the_name_ends() -> None:
    placed = _side_by_side([Word("Haigis", (0.795, 0, 0.841, 1)), Word("-", (0.838, 0, 0.845, 1))], 0.58, 0.59)
    assert [(w.bbox[0], w.bbox[2]) for w in placed] == [(0.795, 0.841), (0.841, 0.845)]


def _preparations_read(monkeypatch: pytest.MonkeyPatch, *readings: str) -> None:
    """Tesseract reads the preparations of a line (as it is, thickened, enlarged) as `readings`, in turn."""
    words = iter([[TesseractWord(w, 90.0, 10 + 40 * k, 2, 36, 10) for k, w in enumerate(r.split())] for r in readings])
    monkeypatch.setattr("biometry.extract.tesseract.read_words", lambda image, psm: next(words))


def _heading_read(monkeypatch: pytest.MonkeyPatch, *readings: str) -> list[str] | None:
    """What a heading line reads as when its three preparations read `readings`."""
    _preparations_read(monkeypatch, *readings)
    read = _read_on_white(Image.new("L", (200, 20), 255), Box(0, 0, 200, 20), _read_heading_line)
    return None if read is None else [w.text for w in read]


def test_a_heading_read_again_agrees_where_the_lens_catalogue_cannot_tell_its_readings_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # real page-4 photo (tuning seed 12): a box's heading lost by the page pass, read again `TFNT0O` and `TFNTOO`
    read = _heading_read(monkeypatch, "Alcon .Panoptix TFNT0O", "Alcon .Panoptix TFNTOO", "Alcon")
    assert read == ["Alcon", ".Panoptix", "TFNT0O"]


def test_a_heading_whose_readings_differ_past_the_catalogues_fold_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        _heading_read(monkeypatch, "Alcon .Panoptix TFNT0O", "Alcon .Panoptix TFAT00", "Alcon .Panoptix TFNT30") is None
    )


@pytest.mark.parametrize("dash", ["—", "~-", ""])
def test_heading_readings_agree_whatever_they_make_of_the_dashes_that_continue_it(
    monkeypatch: pytest.MonkeyPatch, dash: str
) -> None:
    # held-out 150-dpi rescans (seeds 169, 206): `Vision--` read `Vision—` or `Vision~-` by the other preparation
    read = _heading_read(monkeypatch, "Johnson & Johnson Vision --", f"Johnson & Johnson Vision {dash}", "Johnson")
    assert read == ["Johnson", "&", "Johnson", "Vision", "--"]


def test_heading_readings_agree_across_a_bold_s_read_e_and_the_catalogue_spelling_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # held-out 150-dpi rescan (seed 148): each preparation read a different `s` of the bold heading as `e`
    read = _heading_read(
        monkeypatch, "Johnson & Johneon Vision —", "Johneon & Johnson Vision ~", "Johnson & Johnson Vision —"
    )
    assert read == ["Johnson", "&", "Johnson", "Vision", "—"]


def test_a_heading_read_with_an_e_for_an_s_by_every_preparation_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # held-out 150-dpi rescan (seed 328): no preparation spells the manufacturer they name; the page pass had read it
    # right, and the misspelt reading replaced it in six boxes: the page pass's words stay
    assert _heading_read(monkeypatch, "Johnson & Johneon Vision --", "Johneon & Johnson Vision --", "Jo") is None


def _caption_read(monkeypatch: pytest.MonkeyPatch, mirror: str | None, *readings: str) -> list[str] | None:
    """What a caption line reads as when its preparations read `readings` in turn (read as agreed, then each once
    more for the other eye's caption), `mirror` being the formula the other eye's box at its place names."""
    _preparations_read(monkeypatch, *readings)
    read = _read_caption_line(Image.new("L", (200, 20), 255), Box(0, 0, 200, 20), mirror=mirror)
    return None if read is None else [w.text for w in read]


BOLD_HAIGIS_READ = ("-Halats-", "-Helgie-", "-Haigis-")  # held-out seed 340, 150 dpi: no two preparations agree


@pytest.mark.parametrize(
    ("mirror", "readings", "taken"),
    [
        ("Haigis", BOLD_HAIGIS_READ, "-Haigis-"),
        # held-out seed 361, 150 dpi: `II` read `I!` and `||`, the thickened crop read nothing; named by its prefix
        ("Barrett Universal II", ("-BarrettUniversalI!-", "", "-BarrettUniversal||-"), "-BarrettUniversalI!-"),
    ],
)
def test_a_caption_no_two_readings_agree_on_is_the_one_reading_the_other_eyes_box_names(
    monkeypatch: pytest.MonkeyPatch, mirror: str, readings: tuple[str, ...], taken: str
) -> None:
    assert _caption_read(monkeypatch, mirror, *readings, *readings) == [taken]


@pytest.mark.parametrize(
    ("mirror", "readings"),
    [
        (None, BOLD_HAIGIS_READ),  # no other eye's caption read
        ("SRK/T", BOLD_HAIGIS_READ),  # the other eye's box names another formula
        ("Haigis", ("-Halats-", "-Helgie-", "-Halgis-")),  # one letter off is no reading of the name alone
        ("Haigis", ("Halats", "Helgie", "Haigis")),  # a name read without its dashes is no caption
    ],
)
def test_a_caption_no_two_readings_agree_on_stays_unread_without_a_reading_of_the_other_eyes_formula(
    monkeypatch: pytest.MonkeyPatch, mirror: str | None, readings: tuple[str, ...]
) -> None:
    assert _caption_read(monkeypatch, mirror, *readings, *readings) is None


def _caption(formula: str, x: float) -> Line:
    return Line((Word("-", (x, 0.5, x + 0.01, 0.51)), Word(formula, (x + 0.02, 0.5, x + 0.08, 0.51)),
                 Word("-", (x + 0.09, 0.5, x + 0.1, 0.51))))  # fmt: skip


def test_the_other_eyes_box_at_a_boxs_place_is_the_one_as_far_into_the_other_half() -> None:
    od_haigis, od_srkt = (
        _Box(0.10, 0.29, _caption("Haigis", 0.15), True),
        _Box(0.31, 0.49, _caption("SRK/T", 0.35), True),
    )
    os_lost, os_srkt = _Box(0.52, 0.70, None, False), _Box(0.73, 0.91, _caption("SRK/T", 0.77), True)
    assert _mirror_formula([od_haigis, od_srkt, os_lost, os_srkt], os_lost) == "Haigis"
    assert _mirror_formula([od_haigis, od_srkt, os_lost, os_srkt], od_haigis) is None  # its mirror reads no caption
    assert _mirror_formula([od_haigis, os_lost, os_srkt], os_lost) is None  # a box of one half not found
