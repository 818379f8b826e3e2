"""Cross-reference checks: projects, procurement, purchased services and performance-target forms
agree with one another and add up."""
