"""Synthetic biometry reports with ground truth, deterministic by seed."""
