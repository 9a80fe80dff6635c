"""Synthetic device exports: IOLMaster 700 CSV, EyeSuite XML and DICOM objects."""
