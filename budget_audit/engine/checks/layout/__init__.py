"""Layout checks: what the printed pages look like — blank pages, hidden or garbled text, unpaired
marks, unfinished sentences."""
