"""Training data for the LLM tier: prompt/target pairs as the GPU worker sees them, split by document, PHI-checked."""

from biometry.training.data import Example, build_dataset, example_for
from biometry.training.target import extraction_target

__all__ = ["Example", "build_dataset", "example_for", "extraction_target"]
