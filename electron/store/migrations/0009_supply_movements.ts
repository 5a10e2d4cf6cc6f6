// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0009 supply movements: children's homes opened and closed in each year ending 31 March, by area
-- (authority, region or England) and sector, from Ofsted's joiners and leavers tables.

CREATE TABLE supply_movement (
  area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  period TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]'),
  sector TEXT NOT NULL CHECK (sector IN ('Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other')),
  homes_opened INTEGER NOT NULL CHECK (homes_opened >= 0),
  places_opened INTEGER NOT NULL CHECK (places_opened >= 0),
  homes_closed INTEGER NOT NULL CHECK (homes_closed >= 0),
  places_closed INTEGER NOT NULL CHECK (places_closed >= 0),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (area_code, period, sector)
) STRICT;
`;
