"""ZEISS IOLMaster 700 printouts: the parser, its result boxes and what its pages print."""
