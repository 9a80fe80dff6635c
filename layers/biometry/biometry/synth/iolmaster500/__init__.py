"""Synthetic ZEISS IOLMaster 500 printouts: plan, pages, report."""
