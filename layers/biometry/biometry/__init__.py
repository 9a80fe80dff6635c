"""Biometry Pipeline's domain package: ophthalmic biometry reports to validated `BiometryResult`s."""

__version__ = "0.1.0"
__all__ = ["__version__"]
