"""Narrative checks: what the text states (amounts, shares, changes, rates, breakdowns, counts)
agrees with the tables and with itself."""
