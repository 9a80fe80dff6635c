"""Obviously fake but realistic-looking patients, staff and dates."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

_LAST = ("MUSTERMANN", "MUSTERFRAU", "DOE", "ROE", "SAMPLE", "BEISPIEL", "FULANO DA SILVA", "SICRANO",
         "PÉREZ EJEMPLO", "DUPONT", "DURAND", "TESTER", "MODELO", "EXEMPLO", "MÜLLER-MUSTER")  # fmt: skip
_FIRST = ("ERIKA", "MAX", "JANE", "JOHN", "JOÃO", "MARIA", "JOSÉ", "JEAN", "MARIE", "HÉLÈNE", "LUCÍA",
          "ANA", "OTTO", "GRETA")  # fmt: skip
_PARTICLES = ("DA", "DE", "DO", "DOS", "LA", "VON")  # small in a capitalised name
_STAFF = ("Dr. A. Beispiel", "Dr. M. Muster", "Dra. L. Exemplo", "Dr. J. Doe", "Dr. C. Dupont")
_OPERATORS = ("T. Tester", "S. Sample", "K. Muster", "R. Roe")


@dataclass(frozen=True, slots=True)
class Patient:
    """Synthetic identity and the report's dates (PHI-shaped, never real)."""

    name: str
    patient_id: str
    birth_date: dt.date
    physician: str
    operator: str
    exam_date: dt.date
    printed_date: dt.date
    calibration_date: dt.date


def random_patient(rng: random.Random) -> Patient:
    """A fake patient aged 45-90 at an exam in 2022-2025, printed up to 3 weeks after the exam, the name in the case
    an operator typed it."""
    exam = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randint(0, 3 * 365))
    name = f"{rng.choice(_LAST)}, {rng.choice(_FIRST)}"
    id_prefix, number = rng.choice(("SYN-", "PAT", "TEST-", "")), rng.randint(10000, 9999999)
    return Patient(
        name=typed(name, number),
        patient_id=f"{id_prefix}{number}",
        birth_date=exam - dt.timedelta(days=rng.randint(45 * 365, 90 * 365)),
        physician=rng.choice(_STAFF),
        operator=rng.choice(_OPERATORS),
        exam_date=exam,
        printed_date=exam + dt.timedelta(days=rng.choice((0, 0, 0, rng.randint(1, 21)))),
        calibration_date=exam - dt.timedelta(days=rng.randint(0, 14)),
    )


def typed(name: str, number: int) -> str:
    """A name in the case an operator typed it: capitals (the real IOLMaster 700's `EXEMPLO, JOAO TESTE`), each word
    capitalised (the real IOLMaster 500's `Toby, Toby`) or small letters (the real Eyestar 900's `exemplo, maria`).
    Chosen by the patient's number, so that a seed draws the rest of its document as before."""
    forms = (name, _capitalised(name), name.lower())
    return forms[number % len(forms)]


def _capitalised(name: str) -> str:
    """Each word and each hyphened part of it capitalised, its particles small (`Fulano da Silva`, `Müller-Muster`)."""
    words = (w.lower() if w in _PARTICLES else "-".join(p.capitalize() for p in w.split("-")) for w in name.split(" "))
    return " ".join(words)
