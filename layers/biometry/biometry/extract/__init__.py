"""Text extraction: PDF text layer, local OCR and Amazon Textract, all into one `Document`."""
