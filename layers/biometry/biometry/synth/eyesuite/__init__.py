"""Synthetic Haag-Streit EyeSuite IOL reports (Eyestar 900, Lenstar LS 900): plan, drawing, report."""
