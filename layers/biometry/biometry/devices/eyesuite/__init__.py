"""Haag-Streit EyeSuite IOL printouts (Eyestar 900, Lenstar LS 900): parser, header, values, IOL blocks, inventory."""
