"""Cross-table checks: the same figure (or a part and its whole) printed in two places agrees —
pairs, sums, statement lines against coded tables, one 科目 in two tables."""
