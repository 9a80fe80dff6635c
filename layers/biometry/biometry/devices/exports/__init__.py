"""Device exports read as cells: IOLMaster 700 CSV, EyeSuite XML, DICOM measurement and IOL calculation objects."""
