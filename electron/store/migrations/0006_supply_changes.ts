// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0006 supply changes: openings (+) and closures (−) of places known locally, from a year on.

CREATE TABLE supply_change (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  from_year TEXT NOT NULL CHECK (from_year GLOB '[12][0-9][0-9][0-9]'),
  sector TEXT NOT NULL CHECK (sector IN ('Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other')),
  home_type TEXT NOT NULL CHECK (home_type IN ('childrensHome', 'shortBreakOnly', 'secure')),
  places_change INTEGER NOT NULL CHECK (places_change <> 0),
  note TEXT NOT NULL DEFAULT '',
  source_id TEXT NOT NULL REFERENCES source (id)
) STRICT;
`;
