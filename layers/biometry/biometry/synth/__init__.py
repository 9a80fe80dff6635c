"""Synthetic biometry reports with ground truth, deterministic by seed."""

from biometry.synth.case import Case
from biometry.synth.corpus import cases, make_corpus
from biometry.synth.image import render_image_pdf, render_png
from biometry.synth.iolmaster700.report import render

__all__ = ["Case", "cases", "make_corpus", "render", "render_image_pdf", "render_png"]
