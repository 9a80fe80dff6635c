"""Localised words, numbers and dates as an IOLMaster 700 prints them in each UI language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "de", "pt", "es", "fr"]
DecimalMark = Literal["comma", "point"]
LANGUAGES: tuple[Language, ...] = ("en", "de", "pt", "es", "fr")


@dataclass(frozen=True, slots=True)
class Words:
    """The localised words of one UI language (measurement labels are never localised)."""

    generated_on: str
    page_of: str  # "Page {n} of {m}"
    birth_date: str
    patient_id: str
    physician: str
    operator: str
    measured: str
    calibration: str
    analysis: str
    iol_calculation: str
    eye_status: str
    phakic: str
    vitreous: str
    target: str
    biometric_values: str
    keratometry: str
    total_keratometry: str
    date_format: str


WORDS: dict[Language, Words] = {
    "en": Words("Generated on", "Page {n} of {m}", "Date of birth", "Patient ID", "Physician", "Operator",
                "Measurement date", "Calibration check", "Analysis", "IOL calculation", "Eye status",
                "Phakic", "Vitreous body", "Target ref.", "Biometric values", "Keratometry",
                "Total keratometry", "%m/%d/%Y"),
    "de": Words("Erstellt am", "Seite {n} von {m}", "Geburtsdatum", "Patienten-ID", "Arzt", "Bediener",
                "Messdatum", "Kalibrierungsprüfung", "Analyse", "IOL-Berechnung", "Augenstatus", "Phak",
                "Glaskörper", "Ziel-Ref.", "Biometrische Werte", "Keratometrie", "Totale Keratometrie",
                "%d.%m.%Y"),
    "pt": Words("Gerado em", "Página {n} de {m}", "Data de nascim.", "ID de paciente", "Médico",
                "Operador", "Data da medição", "Data de verific. da calibr", "Análise", "Cálculo IOL",
                "Status de olho", "Fácico", "Corpo vítreo", "Refr.-alvo", "Valores biométricos",
                "Queratometria", "Queratometria total", "%d/%m/%Y"),
    "es": Words("Generado el", "Página {n} de {m}", "Fecha de nacimiento", "ID del paciente", "Médico",
                "Operador", "Fecha de medición", "Comprobación de calibración", "Análisis",
                "Cálculo de LIO", "Estado del ojo", "Fáquico", "Cuerpo vítreo", "Ref. objetivo",
                "Valores biométricos", "Queratometría", "Queratometría total", "%d/%m/%Y"),
    "fr": Words("Généré le", "Page {n} sur {m}", "Date de naissance", "ID patient", "Médecin", "Opérateur",
                "Date de mesure", "Contrôle d'étalonnage", "Analyse", "Calcul d'IOL", "Statut de l'œil",
                "Phaque", "Corps vitré", "Réf. cible", "Valeurs biométriques", "Kératométrie",
                "Kératométrie totale", "%d/%m/%Y"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """The header's words beside the patient's name, the birth date and the calibration date: `Paciente`, `Sexo`
    and its value, `de:` (who checked the calibration) and `Resultado:` as the real pt-BR printout prints them."""

    patient: str
    by: str
    result: str
    sex: str
    male: str
    female: str


HEADER_WORDS: dict[Language, HeaderWords] = {
    "en": HeaderWords("Patient", "by", "Result", "Sex", "Male", "Female"),
    "de": HeaderWords("Patient", "von", "Ergebnis", "Geschlecht", "Männlich", "Weiblich"),
    "pt": HeaderWords("Paciente", "de", "Resultado", "Sexo", "Masculino", "Feminino"),
    "es": HeaderWords("Paciente", "por", "Resultado", "Sexo", "Masculino", "Femenino"),
    "fr": HeaderWords("Patient", "par", "Résultat", "Sexe", "Masculin", "Féminin"),
}


@dataclass(frozen=True, slots=True)
class FooterWords:
    """The footer's words around the version and the print date, as the real pt-BR printout's `Versão 1.90.12.05`
    and `Gerado em: 01/02/2023 13:20, por Administrator.`; the time in the UI language's short format."""

    version: str
    by: str
    time_format: str  # strftime; `%-I` (the hour without a leading zero) is formatted by `clock`


FOOTER_WORDS: dict[Language, FooterWords] = {
    "en": FooterWords("Version", "by", "%-I:%M %p"),
    "de": FooterWords("Version", "von", "%H:%M"),
    "pt": FooterWords("Versão", "por", "%H:%M"),
    "es": FooterWords("Versión", "por", "%H:%M"),
    "fr": FooterWords("Version", "par", "%H:%M"),
}


# The template notice printed up the left margin of every page (the real pt-BR printout: `ZEISS | Versão de Template
# 0.1 05/2012 | - Copyright 2012 Todos os direitos reservados`): the template's version words and the rights reserved.
MARGIN_NOTICE_WORDS: dict[Language, tuple[str, str]] = {
    "en": ("Template Version", "All rights reserved"),
    "de": ("Vorlagenversion", "Alle Rechte vorbehalten"),
    "pt": ("Versão de Template", "Todos os direitos reservados"),
    "es": ("Versión de plantilla", "Todos los derechos reservados"),
    "fr": ("Version du modèle", "Tous droits réservés"),
}


@dataclass(frozen=True, slots=True)
class WarningWords:
    """The warning band's texts (`{side}`, `{value}` and `{limit}` filled in): high astigmatism per eye as the real
    pt-BR printout words it (`OD: Cilindro: -2,79 D. Nota: astigmatismo elevado`), an axial length difference
    between the eyes."""

    cylinder: str
    al_difference: str


WARNING_WORDS: dict[Language, WarningWords] = {
    "en": WarningWords("{side}: Cylinder: {value} D. Note: high astigmatism",
                       "OD/OS: AL difference > {limit} mm. Please check the measurements."),
    "de": WarningWords("{side}: Zylinder: {value} D. Hinweis: hoher Astigmatismus",
                       "OD/OS: AL-Differenz > {limit} mm. Bitte Messungen prüfen."),
    "pt": WarningWords("{side}: Cilindro: {value} D. Nota: astigmatismo elevado",
                       "OD/OS: Diferença de AL > {limit} mm. Verifique as medições."),
    "es": WarningWords("{side}: Cilindro: {value} D. Nota: astigmatismo alto",
                       "OD/OS: Diferencia de AL > {limit} mm. Compruebe las mediciones."),
    "fr": WarningWords("{side}: Cylindre: {value} D. Remarque: astigmatisme élevé",
                       "OD/OS: Différence d'AL > {limit} mm. Vérifiez les mesures."),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class AnalysisWords:
    """The IOLMaster 700 analysis page's own words: the eye under the big `OD`/`OS`, the laser vision correction
    status (`LVC:`), the picture bands' headings, the legend under the frame, the comment box's title and the
    calculation page's `Modo LVC:`."""

    right: str
    left: str
    untreated: str
    fixation: str
    keratometry: str  # the band over the keratometer picture
    white_to_white: str
    borderline: str
    edited: str
    none_measured: str
    comment: str
    lvc_mode: str  # the calculation page's `Modo LVC:` beside `LVC:`


# As the real pt-BR printout (page 1): `direita`, `LVC: Não tratado`, `B-Scan | Fixação`, `Central Topography |
# Ceratometria | Branco a branco` (the topography heading left in English), `(!) Valor-limite  (*) Valor editado
# manualmente  --- nenhum valor medido`, `Comentário`; the calculation pages (3-13) `Modo LVC:`.
ANALYSIS_WORDS: dict[Language, AnalysisWords] = {
    "en": AnalysisWords("right", "left", "Untreated", "Fixation", "Keratometry", "White to white", "Borderline value",
                        "Manually edited value", "no value measured", "Comment", "LVC mode"),
    "de": AnalysisWords("rechts", "links", "Unbehandelt", "Fixation", "Keratometrie", "Weiß-zu-Weiß", "Grenzwert",
                        "Manuell bearbeiteter Wert", "kein Wert gemessen", "Kommentar", "LVC-Modus"),
    "pt": AnalysisWords("direita", "esquerda", "Não tratado", "Fixação", "Ceratometria", "Branco a branco",
                        "Valor-limite", "Valor editado manualmente", "nenhum valor medido", "Comentário", "Modo LVC"),
    "es": AnalysisWords("derecho", "izquierdo", "No tratado", "Fijación", "Queratometría", "Blanco a blanco",
                        "Valor límite", "Valor editado manualmente", "ningún valor medido", "Comentario", "Modo LVC"),
    "fr": AnalysisWords("droit", "gauche", "Non traité", "Fixation", "Kératométrie", "Blanc à blanc", "Valeur limite",
                        "Valeur modifiée manuellement", "aucune valeur mesurée", "Commentaire", "Mode LVC"),
}  # fmt: skip


def number(value: float, decimals: int, mark: DecimalMark, signed: bool = False) -> str:
    """`+21,50` / `-0.12` / `541`: fixed decimals, locale decimal mark, optional explicit plus sign."""
    text = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
    if text.lstrip("+-").strip("0.") == "":
        text = text.replace("-", "+") if signed else text.lstrip("-")
    return text.replace(".", ",") if mark == "comma" else text


def date(day: dt.date, language: Language) -> str:
    """A date in the UI language's short format (US month first in English)."""
    return day.strftime(WORDS[language].date_format)


def clock(time: dt.time, language: Language) -> str:
    """A time in the UI language's short format: `13:20`, in English `1:20 PM`."""
    text = time.strftime(FOOTER_WORDS[language].time_format.replace("%-I", "%I"))
    return text.lstrip("0") if "%-I" in FOOTER_WORDS[language].time_format else text
