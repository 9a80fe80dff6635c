"""What a DICOM header states about its report, kept on the Document to cross-check the printout (never PHI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

# fact name -> header keyword; patient attributes are deliberately absent (they are PHI, read only into `patient`)
HEADER_FACTS: dict[str, str] = {
    "dicom.manufacturer": "Manufacturer",
    "dicom.model": "ManufacturerModelName",
    "dicom.software_version": "SoftwareVersions",
    "dicom.study_date": "StudyDate",
    "dicom.study_uid": "StudyInstanceUID",
    "dicom.sop_class": "SOPClassUID",
}


def header_facts(dataset: Dataset) -> dict[str, str]:
    """The header facts present in `dataset` as text (the first value of a multi-valued attribute)."""
    facts = {}
    for name, keyword in HEADER_FACTS.items():
        value = dataset.get(keyword)
        if isinstance(value, list | tuple) or type(value).__name__ == "MultiValue":
            value = value[0] if len(value) else None
        text = str(value).strip() if value is not None else ""
        if text:
            facts[name] = text
    return facts
