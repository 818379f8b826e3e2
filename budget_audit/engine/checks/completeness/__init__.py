"""Completeness checks: the tables, sections, columns, items and notes a report must carry are
there."""
