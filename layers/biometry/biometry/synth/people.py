"""Obviously fake but realistic-looking patients, staff and dates."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

_LAST = ("MUSTERMANN", "MUSTERFRAU", "DOE", "ROE", "SAMPLE", "BEISPIEL", "FULANO DA SILVA", "SICRANO",
         "PÉREZ EJEMPLO", "DUPONT", "DURAND", "TESTER", "MODELO", "EXEMPLO", "MÜLLER-MUSTER")  # fmt: skip
_FIRST = ("ERIKA", "MAX", "JANE", "JOHN", "JOÃO", "MARIA", "JOSÉ", "JEAN", "MARIE", "HÉLÈNE", "LUCÍA",
          "ANA", "OTTO", "GRETA")  # fmt: skip
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
    """A fake patient aged 45-90 at an exam in 2022-2025, printed up to 3 weeks after the exam."""
    exam = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randint(0, 3 * 365))
    return Patient(
        name=f"{rng.choice(_LAST)}, {rng.choice(_FIRST)}",
        patient_id=rng.choice(("SYN-", "PAT", "TEST-", "")) + str(rng.randint(10000, 9999999)),
        birth_date=exam - dt.timedelta(days=rng.randint(45 * 365, 90 * 365)),
        physician=rng.choice(_STAFF),
        operator=rng.choice(_OPERATORS),
        exam_date=exam,
        printed_date=exam + dt.timedelta(days=rng.choice((0, 0, 0, rng.randint(1, 21)))),
        calibration_date=exam - dt.timedelta(days=rng.randint(0, 14)),
    )
