"""DICOM test objects written with pydicom to the standard's modules (PS3.3), with the values they hold.

Measurement objects (Ophthalmic Axial Measurements, Keratometry Measurements, Intraocular Lens Calculations), an
Encapsulated PDF and a Multi-frame True Color Secondary Capture, all of one study. Codes for formulas and lens
constants use a private coding scheme (`99BIOMETRY`): the parser matches code meanings, not the DCM code values.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image
    from pydicom.dataset import Dataset

AXIAL_MEASUREMENTS = "1.2.840.10008.5.1.4.1.1.78.7"
KERATOMETRY = "1.2.840.10008.5.1.4.1.1.78.3"
IOL_CALCULATION = "1.2.840.10008.5.1.4.1.1.78.8"
ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
MULTIFRAME_TRUE_COLOR_SC = "1.2.840.10008.5.1.4.1.1.7.4"
SCHEME = "99BIOMETRY"
SIDES = {"OD": "Right", "OS": "Left"}
# contract constant name -> the code meaning written to the Lens Constant Sequence
CONSTANT_MEANINGS = {
    "a_constant": "A-Constant",
    "a0": "Haigis a0",
    "a1": "Haigis a1",
    "a2": "Haigis a2",
    "sf": "Surgeon Factor",
}


@dataclass(frozen=True, slots=True)
class DicomEye:
    """One eye's measurements as the objects store them."""

    axial_length_mm: float
    k1_d: float
    k1_radius_mm: float
    k1_axis_deg: int
    k2_d: float
    k2_radius_mm: float
    k2_axis_deg: int
    acd_mm: float
    lens_thickness_mm: float
    wtw_mm: float
    keratometric_index: float = 1.3375


@dataclass(frozen=True, slots=True)
class DicomIol:
    """One IOL calculation: formula and lens, constants (contract names), rows (power, predicted refraction)."""

    formula: str
    iol_model: str
    iol_manufacturer: str
    constants: tuple[tuple[str, float], ...]
    rows: tuple[tuple[float, float], ...]
    selected: int
    emmetropia_power_d: float
    target_refraction_d: float = 0.0


@dataclass(frozen=True, slots=True)
class DicomStudy:
    """A study: device, dates, patient and per-eye values (what every object of it states)."""

    eyes: dict[str, DicomEye]
    iols: dict[str, tuple[DicomIol, ...]] = field(default_factory=dict)
    manufacturer: str = "Carl Zeiss Meditec"
    model: str = "IOLMaster 700"
    software: str = "1.90.12.05"
    study_date: str = "20240912"
    study_uid: str = "1.2.826.0.1.3680043.8.498.1001"
    patient: tuple[str, str, str, str] = ("DOE^JANE", "PID-0042", "19510203", "F")


def _ma60ac(rows: tuple[tuple[float, float], ...], emmetropia: float) -> DicomIol:
    return DicomIol("SRK/T", "MA60AC", "Alcon", (("a_constant", 119.1),), rows, 3, emmetropia)


EXAMPLE_STUDY = DicomStudy(
    eyes={
        "OD": DicomEye(23.41, 42.51, 7.94, 175, 43.77, 7.71, 85, 3.38, 4.52, 11.6),
        "OS": DicomEye(23.45, 44.35, 7.61, 24, 45.42, 7.43, 114, 3.73, 4.48, 11.8),
    },
    iols={
        "OD": (_ma60ac(((23.5, -0.98), (23.0, -0.62), (22.5, -0.28), (22.0, 0.07), (21.5, 0.41), (21.0, 0.74)), 22.1),),
        "OS": (_ma60ac(((21.5, -0.93), (21.0, -0.6), (20.5, -0.26), (20.0, 0.06), (19.5, 0.39), (19.0, 0.71)), 20.1),),
    },
)


def axial_measurements(study: DicomStudy) -> Dataset:
    """Ophthalmic Axial Measurements: an individual reading and the selected axial length per eye."""
    dataset = _base(study, AXIAL_MEASUREMENTS, "OAM")
    dataset.OphthalmicAxialMeasurementsDeviceType = "OPTICAL"
    for side, eye in study.eyes.items():
        measured = _item(OphthalmicAxialLength=eye.axial_length_mm + 0.02)
        reading = _item(
            OphthalmicAxialLengthMeasurementsType="TOTAL LENGTH",
            OphthalmicAxialLengthMeasurementsTotalLengthSequence=[measured],
        )
        selected = _item(SelectedTotalOphthalmicAxialLengthSequence=[_item(OphthalmicAxialLength=eye.axial_length_mm)])
        item = _item(
            OphthalmicAxialLengthMeasurementsSequence=[reading], OpticalSelectedOphthalmicAxialLengthSequence=[selected]
        )
        setattr(dataset, f"OphthalmicAxialMeasurements{SIDES[side]}EyeSequence", [item])
    return dataset


def keratometry(study: DicomStudy) -> Dataset:
    """Keratometry Measurements: steep and flat meridians per eye."""
    dataset = _base(study, KERATOMETRY, "KER")
    for side, eye in study.eyes.items():
        setattr(dataset, f"Keratometry{SIDES[side]}EyeSequence", [_item(**_meridians(eye))])
    return dataset


def iol_calculation(study: DicomStudy) -> Dataset:
    """Intraocular Lens Calculations: one eye-sequence item per calculation, with the biometry it used."""
    dataset = _base(study, IOL_CALCULATION, "IOL")
    for side, calculations in study.iols.items():
        eye = study.eyes[side]
        items = [_calculation_item(eye, calculation) for calculation in calculations]
        setattr(dataset, f"IntraocularLensCalculations{SIDES[side]}EyeSequence", items)
    return dataset


def encapsulated_pdf(study: DicomStudy, pdf: bytes) -> Dataset:
    """Encapsulated PDF of the printout."""
    dataset = _base(study, ENCAPSULATED_PDF, "OPT")
    dataset.BurnedInAnnotation = "YES"
    dataset.DocumentTitle = "Biometry report"
    dataset.MIMETypeOfEncapsulatedDocument = "application/pdf"
    dataset.EncapsulatedDocument = pdf + (b"\x00" if len(pdf) % 2 else b"")
    return dataset


def secondary_capture(study: DicomStudy, frames: list[Image.Image]) -> Dataset:
    """Multi-frame True Color Secondary Capture, one RGB frame per printed page (all frames one size)."""
    import numpy as np

    dataset = _base(study, MULTIFRAME_TRUE_COLOR_SC, "OT")
    pixels = np.stack([np.asarray(frame.convert("RGB"), dtype=np.uint8) for frame in frames])
    dataset.NumberOfFrames, dataset.Rows, dataset.Columns = len(frames), pixels.shape[1], pixels.shape[2]
    dataset.SamplesPerPixel, dataset.PhotometricInterpretation, dataset.PlanarConfiguration = 3, "RGB", 0
    dataset.BitsAllocated, dataset.BitsStored, dataset.HighBit, dataset.PixelRepresentation = 8, 8, 7, 0
    dataset.BurnedInAnnotation = "YES"
    dataset.PixelData = pixels.tobytes()
    return dataset


def dicom_bytes(dataset: Dataset, *, form: str = "part10") -> bytes:
    """The file: `part10` (preamble + DICM + meta), `no-preamble` (DICM first) or `bare` (dataset only)."""
    import pydicom

    buffer = io.BytesIO()
    if form == "bare":
        from pydicom.dataset import Dataset

        bare = Dataset(dataset)  # the elements without the file meta
        pydicom.dcmwrite(buffer, bare, implicit_vr=True, little_endian=True, enforce_file_format=False)
        return buffer.getvalue()
    pydicom.dcmwrite(buffer, dataset, enforce_file_format=True)
    data = buffer.getvalue()
    return data[128:] if form == "no-preamble" else data


def study_truth(study: DicomStudy, data: bytes, filename: str) -> dict[str, Any]:
    """The BiometryResult (as JSON) an object holding all of `study` must parse to."""
    last, first = study.patient[0].split("^")
    birth = study.patient[2]
    return {
        "schema_version": "1.0",
        "document_id": hashlib.sha256(data).hexdigest(),
        "source": {"filename": filename, "media_type": "application/dicom", "pages": 1, "text_source": "export"},
        "device": {"manufacturer": "ZEISS", "model": study.model, "software_version": study.software},
        "exam_date": f"{study.study_date[:4]}-{study.study_date[4:6]}-{study.study_date[6:]}",
        "patient": {
            "name": f"{last}, {first}",
            "id": study.patient[1],
            "birth_date": f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
            "sex": study.patient[3],
        },
        "eyes": {side: {**asdict(eye), "flags": {}} for side, eye in study.eyes.items()},
        "iol_calculations": [_calculation_truth(side, c) for side, calcs in study.iols.items() for c in calcs],
        "status": "accepted",
        "extraction": {"method": "export", "parser": "dicom-measurements@1.0", "confidence": 1.0},
    }


def _calculation_truth(side: str, calculation: DicomIol) -> dict[str, Any]:
    return {
        "eye": side,
        "formula": calculation.formula,
        "iol_model": calculation.iol_model,
        "iol_manufacturer": calculation.iol_manufacturer,
        "constants": dict(calculation.constants),
        "target_refraction_d": calculation.target_refraction_d,
        "rows": [
            {"iol_power_d": p, "refraction_d": r, "selected": i == calculation.selected}
            for i, (p, r) in enumerate(calculation.rows)
        ],
        "emmetropia_power_d": calculation.emmetropia_power_d,
    }


def _base(study: DicomStudy, sop_class: str, modality: str) -> Dataset:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import UID, ExplicitVRLittleEndian

    instance = f"{study.study_uid}.{sop_class.rsplit('.', 2)[-2]}{sop_class.rsplit('.', 1)[-1]}"
    dataset = Dataset()
    dataset.file_meta = FileMetaDataset()
    dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset.file_meta.MediaStorageSOPClassUID = UID(sop_class)
    dataset.file_meta.MediaStorageSOPInstanceUID = UID(instance)
    dataset.SOPClassUID, dataset.SOPInstanceUID, dataset.Modality = UID(sop_class), UID(instance), modality
    dataset.StudyInstanceUID, dataset.SeriesInstanceUID = study.study_uid, f"{instance}.1"
    dataset.StudyDate = dataset.ContentDate = study.study_date
    dataset.Manufacturer, dataset.ManufacturerModelName = study.manufacturer, study.model
    dataset.SoftwareVersions = study.software
    dataset.PatientName, dataset.PatientID, dataset.PatientBirthDate, dataset.PatientSex = study.patient
    return dataset


def _calculation_item(eye: DicomEye, calculation: DicomIol) -> Dataset:
    rows = [
        _item(IOLPower=power, PredictedRefractiveError=refraction, PreSelectedForImplantation=_yes(i, calculation))
        for i, (power, refraction) in enumerate(calculation.rows)
    ]
    constants = [
        _item(ConceptNameCodeSequence=[_code(CONSTANT_MEANINGS[name])], NumericValue=str(value))
        for name, value in calculation.constants
    ]
    return _item(
        TargetRefraction=calculation.target_refraction_d,
        RefractiveProcedureOccurred="NO",
        **_meridians(eye),
        KeratometerIndex=eye.keratometric_index,
        OphthalmicAxialLengthSequence=[_item(OphthalmicAxialLength=eye.axial_length_mm)],
        AnteriorChamberDepthSequence=[_item(AnteriorChamberDepth=eye.acd_mm)],
        LensThicknessSequence=[_item(LensThickness=eye.lens_thickness_mm)],
        CornealSizeSequence=[_item(CornealSize=eye.wtw_mm)],
        IOLFormulaCodeSequence=[_code(calculation.formula)],
        IOLManufacturer=calculation.iol_manufacturer,
        ImplantName=calculation.iol_model,
        LensConstantSequence=constants,
        IOLPowerSequence=rows,
        IOLPowerForExactEmmetropia=calculation.emmetropia_power_d,
    )


def _meridians(eye: DicomEye) -> dict[str, list[Dataset]]:
    steep = _item(RadiusOfCurvature=eye.k2_radius_mm, KeratometricPower=eye.k2_d, KeratometricAxis=eye.k2_axis_deg)
    flat = _item(RadiusOfCurvature=eye.k1_radius_mm, KeratometricPower=eye.k1_d, KeratometricAxis=eye.k1_axis_deg)
    return {"SteepKeratometricAxisSequence": [steep], "FlatKeratometricAxisSequence": [flat]}


def _yes(index: int, calculation: DicomIol) -> str:
    return "YES" if index == calculation.selected else "NO"


def _code(meaning: str) -> Dataset:
    value = "".join(ch for ch in meaning.upper() if ch.isalnum())[:16]
    return _item(CodeValue=value, CodingSchemeDesignator=SCHEME, CodeMeaning=meaning)


def _item(**attributes: object) -> Dataset:
    from pydicom.dataset import Dataset

    item = Dataset()
    for keyword, value in attributes.items():
        setattr(item, keyword, value)
    return item
