"""Arithmetic checks: one table adds up — across a row, down a coded hierarchy, along a printed
outline, in a workbook's formulas."""
