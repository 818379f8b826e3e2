"""Wording and format checks: names, codes, years, dates and phrases are the ones the report should
print."""
