"""Evaluations and the predikat, the distribution check, angka kredit."""
