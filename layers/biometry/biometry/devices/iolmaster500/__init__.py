"""ZEISS IOLMaster 500 printouts: parser, page columns, biometry, IOL boxes and what its pages print."""
