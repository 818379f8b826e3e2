"""The 公开情况检查表: a checklist template (rules/checklists/*.yaml) filled from a report's findings."""
