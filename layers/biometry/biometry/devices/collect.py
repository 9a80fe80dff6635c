"""Collects one document's values per eye with provenance, flags conflicts, and builds the contract's eyes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from biometry.devices.measurements import Token
from biometry.grounding import provenance_of
from biometry.models import Eye, Eyes, EyeSide, Flag, Issue, Provenance
from biometry.rules import RANGES

SIDES: tuple[EyeSide, ...] = ("OD", "OS")
MIN_VOTES = 3


class EyeCollector:
    """Values per eye and field as they are read page by page; the same field read twice must agree."""

    def __init__(self) -> None:
        self._values: dict[EyeSide, dict[str, float | int | str]] = {"OD": {}, "OS": {}}
        self._flags: dict[EyeSide, dict[str, list[Flag]]] = {"OD": defaultdict(list), "OS": defaultdict(list)}
        self._seen: set[EyeSide] = set()
        self.provenance: dict[str, Provenance] = {}
        self.issues: list[Issue] = []
        self.deferred_checks: list[Callable[[], None]] = []  # cross-checks that need every page read first
        self._readings: dict[tuple[EyeSide, str], list[tuple[float | int, Provenance]]] = defaultdict(list)

    def saw(self, side: EyeSide) -> None:
        """Record that the report has a column or page for this eye."""
        self._seen.add(side)

    def set_number(self, side: EyeSide, field: str, token: Token, page: int, *, as_int: bool = False) -> None:
        """Store a printed number; a second, different reading of the same field is a conflict."""
        value = token.number
        if value is None:
            return
        number: float | int = int(value) if as_int else value
        self._store(side, field, number, provenance_of(page, token.word))

    def set_text(self, side: EyeSide, field: str, value: str) -> None:
        """Store a normalised text value such as the lens status."""
        self._values[side].setdefault(field, value)
        self._seen.add(side)

    def flag(self, side: EyeSide, field: str, flag: Flag) -> None:
        """Attach a quality flag printed next to a value."""
        if flag not in self._flags[side][field]:
            self._flags[side][field].append(flag)

    def issue(self, code: str, message: str, *, side: EyeSide | None = None, field: str | None = None) -> None:
        """Record a parser-level problem that blocks acceptance."""
        self.issues.append(Issue(code=code, severity="error", eye=side, field=field, message=message))

    def sides(self) -> list[EyeSide]:
        """The eyes the report has shown so far."""
        return [side for side in SIDES if side in self._seen]

    def correct(self, side: EyeSide, field: str, value: float | int) -> None:
        """Replace a value by another reading of the same printed token (its provenance stays)."""
        self._values[side][field] = value

    def value(self, side: EyeSide, field: str) -> float | int | str | None:
        return self._values[side].get(field)

    def readings(self, side: EyeSide, field: str) -> list[tuple[float | int, Provenance]]:
        """Every reading of a numeric field so far, in reading order, with where it is printed."""
        return list(self._readings.get((side, field), []))

    def eyes(self) -> Eyes:
        """The contract's eyes: an eye the report does not show is None."""
        built: dict[EyeSide, Eye | None] = {}
        for side in SIDES:
            if side not in self._seen:
                built[side] = None
                continue
            flags = {k: v for k, v in self._flags[side].items() if v}
            built[side] = Eye.model_validate({**self._values[side], "flags": flags})
        return Eyes(OD=built["OD"], OS=built["OS"])

    def outvote_misreads(self) -> None:
        """OCR of a value printed on many pages: a reading the other pages outvote is a misread (`41,3375` once
        against `1,3375` ten times). The majority needs MIN_VOTES readings and twice as many as all the others."""
        for (side, field), readings in self._readings.items():
            (winner, votes), *rest = Counter(value for value, _ in readings).most_common()
            against = sum(n for _, n in rest)
            if not rest or votes < MIN_VOTES or votes < 2 * against:
                continue
            self._values[side][field] = winner
            self.provenance[f"{side}.{field}"] = next(where for value, where in readings if value == winner)
            self.withdraw("conflicting_values", side, field)
            self._note_outvoted(side, field, f"{against} OCR reading(s) outvoted by {votes} of {winner}.")

    def outvote_unreadable(self) -> None:
        """OCR of a value printed on many pages: a copy garbled past the number format (`42.60/7.92@14eS`) is a misread
        when at least MIN_VOTES other copies read one same value, twice as many as the garbled copies."""
        garbled = Counter((i.eye, i.field) for i in self.issues if i.code == "unreadable_value" and i.eye and i.field)
        outvoted = set()
        for (side, field), against in garbled.items():
            values = [value for value, _ in self._readings.get((side, field or ""), [])]
            if len(set(values)) == 1 and len(values) >= max(MIN_VOTES, 2 * against):
                outvoted.add((side, field))
                self._note_outvoted(
                    side, field, f"{against} unreadable OCR cop(ies) outvoted by {len(values)} of {values[0]}."
                )
        self.issues = [i for i in self.issues if not (i.code == "unreadable_value" and (i.eye, i.field) in outvoted)]

    def drop_impossible_readings(self) -> None:
        """OCR of a value printed more than once: a reading outside the field's plausible range (`rules.RANGES`) that
        conflicts with readings inside it is a misread (`K2: @3.77 D's` read as a radius of 3.77 mm beside the
        7.71 mm the same line and two other pages print). Where the readings inside the range agree on one value, it
        stands and the conflict is withdrawn; the validator still checks it against the rest (K against radius)."""
        for (side, field), readings in self._readings.items():
            bounds = RANGES.get(field)
            if bounds is None or not self.raised("conflicting_values", side, field):
                continue
            possible = [(value, where) for value, where in readings if bounds[0] <= value <= bounds[1]]
            if len({value for value, _ in possible}) != 1:
                continue
            (value, where), impossible = possible[0], len(readings) - len(possible)
            self._values[side][field] = value
            self.provenance[f"{side}.{field}"] = where
            self.withdraw("conflicting_values", side, field)
            self._note_outvoted(side, field, f"{impossible} OCR reading(s) outside {bounds[0]}..{bounds[1]} dropped.")

    def raised(self, code: str, side: EyeSide, field: str) -> bool:
        """Whether an issue of one code was raised on one eye field."""
        return any(i.code == code and (i.eye, i.field) == (side, field) for i in self.issues)

    def withdraw(self, code: str, side: EyeSide, field: str) -> None:
        """Drop the issues of one code raised on one eye field (a later reading settled what they doubted)."""
        self.issues = [i for i in self.issues if not (i.code == code and (i.eye, i.field) == (side, field))]

    def _note_outvoted(self, side: EyeSide, field: str, how: str) -> None:
        message = f"{side} {field}: {how}"
        self.issues.append(Issue(code="ocr_misread_outvoted", severity="info", eye=side, field=field, message=message))

    def _store(self, side: EyeSide, field: str, value: float | int, provenance: Provenance) -> None:
        self._seen.add(side)
        self._readings[(side, field)].append((value, provenance))
        known = self._values[side].get(field)
        if known is None:
            self._values[side][field] = value
            self.provenance[f"{side}.{field}"] = provenance
        elif known != value:
            self.issue(
                "conflicting_values",
                f"{side} {field} is printed as {known} and as {value} in different places.",
                side=side,
                field=field,
            )
