"""Reporters render Results; none of them computes anything."""
