"""Clinical plausibility rules: ranges, keratometry and IOL-table consistency, inter-eye differences."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from biometry.formula_powers import (
    FIT_D,
    KERATOMETRIC_INDEX,
    corneal_radius_mm,
    haigis_power_d,
    k_from_mean_radius_d,
    srk2_emmetropia_d,
    srkt_power_d,
)
from biometry.formulas import KNOWN_CONSTANTS, KNOWN_FORMULAS
from biometry.lens_catalogue import is_known_model, maker_one_word_short, names_known_manufacturer
from biometry.models import Eye, EyeSide, IolCalculation, IolRow, Issue

# Plausible bounds (report-formats.md "Cross-checks"); outside them a value goes to review.
RANGES: dict[str, tuple[float, float]] = {
    "axial_length_mm": (14.0, 40.0),
    "k1_d": (30.0, 60.0),
    "k2_d": (30.0, 60.0),
    "mean_k_d": (30.0, 60.0),
    "tk1_d": (30.0, 60.0),
    "tk2_d": (30.0, 60.0),
    "k1_radius_mm": (5.5, 11.5),
    "k2_radius_mm": (5.5, 11.5),
    "keratometric_index": (1.32, 1.34),
    "acd_mm": (1.5, 6.5),
    "aqueous_depth_mm": (1.0, 6.0),
    "lens_thickness_mm": (2.0, 7.0),
    "wtw_mm": (8.0, 16.0),
    "cct_um": (350.0, 750.0),
    "pupil_mm": (1.0, 10.0),
}
# The most decimals a printout shows per field; an OCR reading with more has a digit that is not printed
# (`44,06` read as `44,006`). Exports carry full precision and are not held to it.
PRINTED_DECIMALS: dict[str, int] = {
    **dict.fromkeys(RANGES, 2),
    "keratometric_index": 4,
    "cct_um": 0,
    **dict.fromkeys(("k1_axis_deg", "k2_axis_deg", "tk1_axis_deg", "tk2_axis_deg"), 0),
}
IOL_POWER_RANGE = (-15.0, 45.0)
REFRACTION_RANGE = (-20.0, 20.0)
IOL_STEPS_D = (0.25, 0.5, 1.0)
K_TOLERANCE_D = 0.03
# Mean K against K1 and K2: the IOLMaster 700 and EyeSuite print K from the mean radius (the harmonic mean of the
# powers), the IOLMaster 500 the mean of the powers (real: 43.14 for 42.51 and 43.77). Three values printed to 0.01 D
# lie within 0.0125 of the device's mean (the real reports: 0.005 at most), so a last digit confused in K1 or K2
# (`42,99` read `42,93`) moves it past this.
MEAN_K_TOLERANCE_D = 0.02
MEAN_K_FROM_RADII_D = 0.06  # from radii printed to 0.01 mm (~0.03 D each): where no K in dioptres is read
AXIS_TOLERANCE_DEG = 7
ACD_TOLERANCE_MM = 0.02
INTER_EYE_AL_MM = 0.3
ROUNDING_D = 0.02  # printed refractions are rounded to 0.01 D
# A row closest to the target, off a table's middle, nearer to it than the middle row by more than this says the target
# was misread: the generators' tables highlight a row off the middle only where the two are within 0.03 D (68 tables
# of 4,000), a target read without its minus (`0.25` for `-0.25`) puts a neighbour ~0.3 D nearer or more.
OFF_CENTRE_MARGIN_D = 0.10
# A device that prints the emmetropia power on the line through its rows (the IOLMaster 700: the real printout's 66
# powers lie within 0.010 D of the interpolation between the two rows that bracket zero, the generator's 1,833 within
# 0.011) printed a power further off than this only if it was misread (`+22,21` read `+22 24`). Other devices compute
# it apart from the rounded rows (the real IOLMaster 500: up to 0.05 D off): none is asked.
EMMETROPIA_ON_ROWS_D = {"IOLMaster 700": 0.02}
# Devices whose refractions, printed to 0.01 D, lie on a smooth curve of the power: the second differences of
# neighbouring rows stay within 0.02 D on the real printouts (IOLMaster 700: 264, Eyestar 900: 30) and the generators'
# 27,000. A digit OCR misread in a row bends the curve further (`+0,01` read `+0,04`: 0.06). Not the IOLMaster 500,
# whose multi-formula page prints refractions to 0.1 D. EyeSuite prints no plus sign, so a minus lost from a small
# refraction leaves it in the printed form (the real Eyestar's `-0.01` read `0.01`: its bend 0.01 -> -0.03), and its
# bend is the only witness: bound at the printouts' own 0.02 (the IOLMaster 700 signs every refraction).
REFRACTION_CURVE_D = {"IOLMaster 700": 0.03, "Eyestar 900": 0.02, "Lenstar LS 900": 0.02}
INTER_EYE_K_D = 1.0
# Devices whose SRK/T and Haigis boxes print the published formulas' powers from the eye's printed AL, mean K and ACD
# and the box's constants, and whose SRK II boxes print its emmetropia power (`formula_powers.FIT_D`: the real
# IOLMaster 700's 44 boxes and the real IOLMaster 500's 14). On an OCR page a box further off holds a misread (AL
# `23.04` read `28.04`: a value printed once, no copy to outvote it). Other devices' formulas are not known to be the
# published ones: none is asked.
FORMULA_FIT_DEVICES = frozenset({"IOLMaster 700", "IOLMaster 500"})
# The IOLMaster 500 prints the mean of the powers as its SE (43.14 for 42.51 and 43.77) while its formulas take K from
# the mean radius, the harmonic mean of K1 and K2: its real boxes lie within 0.009 D of SRK/T and Haigis so, 0.018 D
# from its SE (generated boxes with more cylinder went past FIT_D). The IOLMaster 700 prints K from the mean radius.
SE_OF_POWERS_DEVICES = frozenset({"IOLMaster 500"})
# The keratometric indices keratometers are set to (Javal's 1.3375, every real report here; 1.336; 4/3; 1.332, the
# European setting; Haigis's 1.3315). One read otherwise by OCR is a misread (`1,3376`, a value printed once a page).
KERATOMETRIC_INDICES = frozenset({1.3375, 1.336, 1.3333, 1.332, 1.3315})
# Total keratometry (front and back surface) lies within a dioptre or two of the keratometry even after refractive
# surgery; one read further off by OCR holds a misread digit (`43,38` read `48,38`: TK is printed once per eye).
TK_FROM_K_D = 3.0


def check_eye(side: EyeSide, eye: Eye) -> list[Issue]:
    """Every rule that concerns one eye's measurements."""
    return [
        *_ranges(side, eye),
        *_keratometry(side, eye),
        *_anterior_chamber(side, eye),
        *_flags(side, eye),
    ]


def check_eye_read(side: EyeSide, eye: Eye) -> list[Issue]:
    """The rules for one eye's values that may be misread (OCR, an LLM's answer): a keratometric index no keratometer
    is set to (`KERATOMETRIC_INDICES`), a total keratometry further than TK_FROM_K_D from its keratometry."""
    issues = []
    index = eye.keratometric_index
    if index is not None and index not in KERATOMETRIC_INDICES:
        msg = f"{side} keratometric index read as {index}, which no keratometer is set to: a misread; check the report."
        issues.append(_issue("index_unverified", side, "keratometric_index", msg))
    for total, anterior in (("tk1_d", "k1_d"), ("tk2_d", "k2_d")):
        tk, k = getattr(eye, total), getattr(eye, anterior)
        if tk is not None and k is not None and abs(tk - k) > TK_FROM_K_D:
            msg = f"{side} {total} = {tk} D lies {abs(tk - k):.2f} D from {anterior} = {k} D: a misread; check it."
            issues.append(_issue("tk_far_from_k", side, total, msg))
    return issues


def _ranges(side: EyeSide, eye: Eye) -> list[Issue]:
    issues = []
    for name, (low, high) in RANGES.items():
        value = getattr(eye, name)
        if value is not None and not low <= value <= high:
            issues.append(_issue("out_of_range", side, name, f"{side} {name} = {value} is outside {low}..{high}."))
    return issues


def _keratometry(side: EyeSide, eye: Eye) -> list[Issue]:
    issues = []
    index = eye.keratometric_index or KERATOMETRIC_INDEX
    for k_name, r_name in (("k1_d", "k1_radius_mm"), ("k2_d", "k2_radius_mm")):
        k, r = getattr(eye, k_name), getattr(eye, r_name)
        if k is not None and r:
            expected = (index - 1) * 1000 / r
            if abs(k - expected) > K_TOLERANCE_D:
                msg = f"{side} {k_name} = {k} D disagrees with radius {r} mm ({expected:.2f} D)."
                issues.append(_issue("k_radius_mismatch", side, k_name, msg))
    for flat, steep, label in (("k1_d", "k2_d", "K"), ("tk1_d", "tk2_d", "TK")):
        k_flat, k_steep = getattr(eye, flat), getattr(eye, steep)
        if k_flat is not None and k_steep is not None and k_flat > k_steep:
            msg = f"{side} {label}1 = {k_flat} D is steeper than {label}2 = {k_steep} D."
            issues.append(_issue("k_order", side, flat, msg))
    for a_name, b_name in (("k1_axis_deg", "k2_axis_deg"), ("tk1_axis_deg", "tk2_axis_deg")):
        a, b = getattr(eye, a_name), getattr(eye, b_name)
        if a is not None and b is not None and abs(abs(a - b) % 180 - 90) > AXIS_TOLERANCE_DEG:
            msg = f"{side} axes {a}° and {b}° are not 90° apart."
            issues.append(_issue("axes_not_orthogonal", side, a_name, msg))
    issues += _mean_k(side, eye, index)
    return issues


def _mean_k(side: EyeSide, eye: Eye, index: float) -> list[Issue]:
    printed = eye.mean_k_d
    if printed is None:
        return []
    if eye.k1_d and eye.k2_d:
        means = (k_from_mean_radius_d(eye.k1_d, eye.k2_d), (eye.k1_d + eye.k2_d) / 2)  # the mean radius's; the powers'
        expected = min(means, key=lambda mean: abs(printed - mean))
        tolerance = MEAN_K_TOLERANCE_D
    elif eye.k1_radius_mm and eye.k2_radius_mm:
        expected = (index - 1) * 1000 / ((eye.k1_radius_mm + eye.k2_radius_mm) / 2)
        tolerance = MEAN_K_FROM_RADII_D
    else:
        return []
    if abs(printed - expected) <= tolerance:
        return []
    msg = f"{side} mean K {printed} D disagrees with K1/K2 ({expected:.2f} D)."
    return [_issue("mean_k_mismatch", side, "mean_k_d", msg)]


def _anterior_chamber(side: EyeSide, eye: Eye) -> list[Issue]:
    if eye.acd_mm is None or eye.aqueous_depth_mm is None or eye.cct_um is None:
        return []
    expected = eye.aqueous_depth_mm + eye.cct_um / 1000
    if abs(eye.acd_mm - expected) <= ACD_TOLERANCE_MM:
        return []
    msg = f"{side} ACD {eye.acd_mm} mm is not AD + CCT ({expected:.2f} mm)."
    return [_issue("acd_mismatch", side, "acd_mm", msg)]


def _flags(side: EyeSide, eye: Eye) -> list[Issue]:
    issues = []
    for name, flags in eye.flags.items():
        value = getattr(eye, name, None)
        if "not_measured" in flags and value is not None:
            msg = f"{side} {name} is marked not measured but has the value {value}."
            issues.append(_issue("flag_without_value", side, name, msg))
        for flag in set(flags) - {"not_measured"}:
            msg = f"{side} {name} is marked {flag} on the report."
            issues.append(_issue("value_flagged", side, name, msg, severity="info"))
    return issues


def check_iol(
    index: int, calculation: IolCalculation, *, ocr: bool = False, device_model: str | None = None
) -> list[Issue]:
    """Every rule for one IOL table: ranges, uniform steps, monotonic refraction, selected row, emmetropia.

    A lens name read by OCR must be in the lens catalogue: OCR confuses 0/O and 1/l in model codes. The emmetropia
    power lies between the rows that bracket zero, and on the line through them where the device prints it so
    (`EMMETROPIA_ON_ROWS_D`).
    """
    rows = calculation.rows
    eye = calculation.eye
    field = f"iol_calculations[{index}]"
    where = f"{eye} {calculation.formula} / {calculation.iol_model}"
    if not rows:
        return [_issue("iol_rows_missing", eye, field, f"{where}: the result box has no table rows.")]
    issues = []
    for row in rows:
        if not IOL_POWER_RANGE[0] <= row.iol_power_d <= IOL_POWER_RANGE[1] or not (
            REFRACTION_RANGE[0] <= row.refraction_d <= REFRACTION_RANGE[1]
        ):
            issues.append(_issue("out_of_range", eye, field, f"{where}: row {row.iol_power_d} is implausible."))
    steps = {round(a.iol_power_d - b.iol_power_d, 3) for a, b in itertools.pairwise(rows)}
    step = next(iter(steps)) if len(steps) == 1 else 0.0  # > 0: printed high to low (IOLMaster), < 0: low to high
    if len(steps) > 1 or (steps and abs(step) not in IOL_STEPS_D):
        issues.append(_issue("iol_steps", eye, field, f"{where}: IOL powers are not in even steps."))
    refractions = [row.refraction_d for row in rows][:: -1 if step < 0 else 1]
    if refractions != sorted(refractions) or len(set(refractions)) != len(refractions):
        issues.append(_issue("iol_monotonic", eye, field, f"{where}: refractions do not rise as power falls."))
    if ocr:
        issues += _ocr_readings(calculation, field, where, REFRACTION_CURVE_D.get(device_model or ""))
    if calculation.formula not in KNOWN_FORMULAS:
        msg = f"{where}: the formula name is not one this product knows; check it on the report."
        issues.append(_issue("iol_unknown_formula", eye, field, msg))
    unknown = sorted(set(calculation.constants) - KNOWN_CONSTANTS)
    if unknown:
        issues.append(_issue("iol_unknown_constant", eye, field, f"{where}: unknown lens constant(s) {unknown}."))
    issues += _selected_row(calculation, field, where)
    issues += _emmetropia(calculation, field, where, EMMETROPIA_ON_ROWS_D.get(device_model or ""))
    return issues


def _ocr_readings(calculation: IolCalculation, field: str, where: str, bend_d: float | None) -> list[Issue]:
    """What OCR may have misread in a table: a lens or manufacturer name outside the catalogue (or a manufacturer's
    name another's less its last word: `Johnson & Johnson` for `Johnson & Johnson Vision`), a refraction off the
    smooth curve its neighbours draw (a second difference beyond `bend_d`, where the device has one), a target that
    puts the highlighted row off the table's middle."""
    eye, issues = calculation.eye, []
    if not is_known_model(calculation.iol_model):
        msg = f"{where}: the lens name was read by OCR and is not in the lens catalogue; check it on the report."
        issues.append(_issue("iol_model_unverified", eye, field, msg))
    maker = calculation.iol_manufacturer
    if maker is not None and not names_known_manufacturer(maker):
        msg = f"{where}: the manufacturer was read by OCR as {maker!r}, not a known one."
        issues.append(_issue("iol_manufacturer_unverified", eye, field, msg))
    elif maker is not None and maker_one_word_short(maker):
        msg = f"{where}: the manufacturer was read by OCR as {maker!r}, another's name less a word."
        issues.append(_issue("iol_manufacturer_unverified", eye, field, msg))
    refractions = [row.refraction_d for row in calculation.rows]
    bends = [
        after - 2 * row + before
        for before, row, after in zip(refractions, refractions[1:], refractions[2:], strict=False)
    ]
    if bend_d is not None and any(abs(bend) > bend_d + 1e-9 for bend in bends):
        msg = f"{where}: a refraction lies off the curve of its neighbours (an OCR misread?); check the table."
        issues.append(_issue("iol_refraction_curve", eye, field, msg))
    return issues + _off_centre(calculation, field, where)


def check_formula_fit(
    index: int, calculation: IolCalculation, eye: Eye | None, device_model: str | None
) -> list[Issue]:
    """A box of a device that prints its formula as published (`FORMULA_FIT_DEVICES`) whose emmetropia power or rows
    lie further than FIT_D from what that formula gives from the eye's values as read holds a misread: in AL, mean K,
    ACD, a constant or the table. Asked of values that may be misread (OCR, an LLM's answer)."""
    power_for = _published_power(calculation, eye, device_model) if device_model in FORMULA_FIT_DEVICES else None
    if power_for is None:
        return []
    emmetropia = calculation.emmetropia_power_d
    printed = [(0.0, emmetropia)] if emmetropia is not None else []
    if calculation.formula != "SRK II":  # its refractions are printed to 0.1 D: its emmetropia power alone is asked
        printed += [(row.refraction_d, row.iol_power_d) for row in calculation.rows]
    worst = max((abs(power_for(refraction) - power) for refraction, power in printed), default=0.0)
    if worst <= FIT_D:
        return []
    where = f"{calculation.eye} {calculation.formula} / {calculation.iol_model}"
    msg = (
        f"{where}: the published {calculation.formula} formula, from the eye's values as read and the box's "
        f"constants, gives powers up to {worst:.2f} D off the box's: a value is misread; check the biometry and table."
    )
    return [_issue("iol_formula_mismatch", calculation.eye, f"iol_calculations[{index}]", msg)]


def _published_power(
    calculation: IolCalculation, eye: Eye | None, device_model: str | None
) -> Callable[[float], float] | None:
    """The published formula of a box (refraction -> IOL power) from the eye's AL, mean K (K from the mean radius:
    as printed, or from K1 and K2 where the device prints another mean, `SE_OF_POWERS_DEVICES`) and ACD, Haigis's
    corneal radius from that K and the index as read (1.3375 where unread), and the box's constants: SRK/T, Haigis,
    SRK II's emmetropia power; None for another formula or a value unread."""
    constants, formula = calculation.constants, calculation.formula
    if eye is None or eye.axial_length_mm is None or not eye.mean_k_d:
        return None
    al_mm, mean_k_d = eye.axial_length_mm, eye.mean_k_d
    if device_model in SE_OF_POWERS_DEVICES and eye.k1_d and eye.k2_d:
        mean_k_d = k_from_mean_radius_d(eye.k1_d, eye.k2_d)
    if formula == "SRK/T" and "a_constant" in constants:
        return lambda refraction: srkt_power_d(al_mm, mean_k_d, constants["a_constant"], refraction)
    if formula == "Haigis" and {"a0", "a1", "a2"} <= constants.keys() and eye.acd_mm is not None:
        acd_mm, haigis = eye.acd_mm, (constants["a0"], constants["a1"], constants["a2"])
        radius_mm = corneal_radius_mm(mean_k_d, eye.keratometric_index)
        return lambda refraction: haigis_power_d(al_mm, acd_mm, radius_mm, haigis, refraction)
    if formula == "SRK II" and "a_constant" in constants:
        emmetropia = srk2_emmetropia_d(al_mm, mean_k_d, constants["a_constant"])
        return lambda refraction: emmetropia
    return None


def _off_centre(calculation: IolCalculation, field: str, where: str) -> list[Issue]:
    """The devices centre a result table on the power they highlight (every table of the real reports: the third of
    five rows, the fourth of seven). On an OCR page the highlighted row is the one closest to the target as read; one
    off the middle and clearly closer than the middle row (`OFF_CENTRE_MARGIN_D`) says the target was misread
    (`-0.50` read `0.50`, its minus lost: the wrong row taken as selected)."""
    rows = calculation.rows
    selected = [i for i, row in enumerate(rows) if row.selected]
    if len(rows) % 2 == 0 or len(selected) != 1:
        return []
    target = calculation.target_refraction_d or 0.0
    middle, chosen = (abs(rows[k].refraction_d - target) for k in (len(rows) // 2, selected[0]))
    if middle - chosen <= OFF_CENTRE_MARGIN_D:
        return []
    msg = f"{where}: the row closest to the target as read lies off the table's middle (a target misread?)."
    return [_issue("iol_selected_row", calculation.eye, field, msg)]


def _selected_row(calculation: IolCalculation, field: str, where: str) -> list[Issue]:
    rows = calculation.rows
    selected = [i for i, row in enumerate(rows) if row.selected]
    if not rows:
        return []
    if len(selected) != 1:
        msg = f"{where}: {len(selected)} rows are highlighted, expected one."
        return [_issue("iol_selected_row", calculation.eye, field, msg)]
    target = calculation.target_refraction_d if calculation.target_refraction_d is not None else 0.0
    distances = [abs(row.refraction_d - target) for row in rows]
    if distances[selected[0]] > min(distances) + 1e-9:
        msg = f"{where}: the highlighted row is not the one closest to the target refraction."
        return [_issue("iol_selected_row", calculation.eye, field, msg)]
    return []


def _emmetropia(calculation: IolCalculation, field: str, where: str, on_rows_d: float | None) -> list[Issue]:
    power = calculation.emmetropia_power_d
    rows = calculation.rows
    if power is None:
        return []
    brackets = [(lo, up) for up, lo in itertools.pairwise(rows) if up.refraction_d <= 0 <= lo.refraction_d]
    if not brackets:
        return []
    if not any(lo.iol_power_d - ROUNDING_D <= power <= up.iol_power_d + ROUNDING_D for lo, up in brackets):
        msg = f"{where}: emmetropia power {power} D is not between the rows that bracket zero."
        return [_issue("iol_emmetropia", calculation.eye, field, msg)]
    if on_rows_d is not None and all(abs(power - _through_zero(lo, up)) > on_rows_d for lo, up in brackets):
        msg = f"{where}: emmetropia power {power} D is off the line through the rows that bracket zero."
        return [_issue("iol_emmetropia", calculation.eye, field, msg)]
    return []


def _through_zero(lo: IolRow, up: IolRow) -> float:
    """The power at which the line through two rows crosses zero refraction (the lower row's power if level)."""
    crossing = power_at_zero_refraction((lo.iol_power_d, lo.refraction_d), (up.iol_power_d, up.refraction_d))
    return lo.iol_power_d if crossing is None else crossing


def power_at_zero_refraction(first: tuple[float, float], second: tuple[float, float]) -> float | None:
    """The power at which the line through two rows (power, refraction) crosses zero refraction, where a device's
    emmetropia power lies; None where both rows have the same refraction."""
    (power_a, refraction_a), (power_b, refraction_b) = first, second
    if refraction_a == refraction_b:
        return None
    share = (0.0 - refraction_a) / (refraction_b - refraction_a)
    return power_a + share * (power_b - power_a)


def check_constants_agree(calculations: list[IolCalculation]) -> list[Issue]:
    """A lens and formula printed in several boxes (both eyes, a lens page and a formula page) carry one set of
    constants, the lens database's: boxes that disagree hold a misread (`-0.114` for -0.111 on a 200-dpi rescan)."""
    first: dict[tuple[str | None, str | None, str], tuple[int, dict[str, float]]] = {}
    issues = []
    for index, calculation in enumerate(calculations):
        if not calculation.constants or calculation.iol_model is None:
            continue
        key = (calculation.iol_model, calculation.iol_manufacturer, calculation.formula)
        earlier, constants = first.setdefault(key, (index, calculation.constants))
        if constants != calculation.constants:
            msg = (
                f"IOL calculations {earlier} and {index} print {calculation.iol_model} with {calculation.formula} "
                f"under different constants ({constants} and {calculation.constants}): one is misread."
            )
            issues.append(_issue("iol_constants_differ", calculation.eye, f"iol_calculations[{index}].constants", msg))
    return issues


def check_copies_agree(calculations: list[IolCalculation]) -> list[Issue]:
    """One calculation printed twice (the IOLMaster 500's lens page and its formula page: one eye, lens, formula,
    constants, target and IOL powers alike) prints one table and one emmetropia power: copies that differ hold a
    misread (`16.39` for 16.37 on a 300-dpi rescan, within the rows' rounding, so no other rule sees it)."""
    first: dict[str, tuple[int, str]] = {}
    issues = []
    for index, calculation in enumerate(calculations):
        if not calculation.rows:
            continue
        powers = [row.iol_power_d for row in calculation.rows]
        same = calculation.model_dump_json(exclude={"emmetropia_power_d", "rows"}) + repr(powers)
        printed = calculation.model_dump_json(include={"emmetropia_power_d", "rows"})
        earlier, copy = first.setdefault(same, (index, printed))
        if printed != copy:
            msg = f"IOL calculations {earlier} and {index} are one, printed with two tables: one is misread."
            issues.append(_issue("iol_copies_differ", calculation.eye, f"iol_calculations[{index}]", msg))
    return issues


def check_inter_eye(od: Eye, os_: Eye) -> list[Issue]:
    """Clinical warnings for differences between the eyes: flagged, never rejected (anisometropia is real)."""
    issues = []
    if od.axial_length_mm is not None and os_.axial_length_mm is not None:
        diff = abs(od.axial_length_mm - os_.axial_length_mm)
        if diff > INTER_EYE_AL_MM:
            msg = f"Axial lengths differ by {diff:.2f} mm between the eyes (> {INTER_EYE_AL_MM} mm): check readings."
            issues.append(_issue("inter_eye_al", None, "axial_length_mm", msg, severity="warning"))
    od_k, os_k = _mean_of_ks(od), _mean_of_ks(os_)
    if od_k is not None and os_k is not None and abs(od_k - os_k) > INTER_EYE_K_D:
        msg = f"Mean K differs by {abs(od_k - os_k):.2f} D between the eyes (> {INTER_EYE_K_D} D): check readings."
        issues.append(_issue("inter_eye_k", None, "mean_k_d", msg, severity="warning"))
    return issues


def _mean_of_ks(eye: Eye) -> float | None:
    if eye.k1_d is None or eye.k2_d is None:
        return None
    return (eye.k1_d + eye.k2_d) / 2


def _issue(code: str, eye: EyeSide | None, field: str, message: str, severity: str = "error") -> Issue:
    return Issue.model_validate({"code": code, "severity": severity, "eye": eye, "field": field, "message": message})
