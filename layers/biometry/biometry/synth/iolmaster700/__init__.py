"""Synthetic ZEISS IOLMaster 700 printouts: the case plan drawn as analysis and IOL calculation pages."""
