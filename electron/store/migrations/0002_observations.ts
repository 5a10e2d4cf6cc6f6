// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0002 observations: one published figure per area, measure and period, each with its source.
-- A suppressed figure is stored as NULL with its suppression code, never as 0.

CREATE TABLE observation (
  area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  measure TEXT NOT NULL,
  period TEXT NOT NULL,
  value REAL CHECK (value IS NULL OR value >= 0),
  suppression TEXT CHECK (suppression IS NULL OR suppression IN ('c', 'z', 'x', 'k', 'low', 'u')),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (area_code, measure, period),
  CHECK ((value IS NULL) = (suppression IS NOT NULL))
) STRICT;

CREATE INDEX observation_by_measure ON observation (measure, period);

CREATE TABLE assumption (
  key TEXT PRIMARY KEY NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  rationale TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
) STRICT;
`;
