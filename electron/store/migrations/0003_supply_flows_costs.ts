// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0003 supply, placement flows, unit costs, and the assumption register's label and source.

CREATE TABLE supply (
  area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  period TEXT NOT NULL,
  sector TEXT NOT NULL CHECK (sector IN ('Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other')),
  home_type TEXT NOT NULL CHECK (home_type IN ('childrensHome', 'shortBreakOnly', 'secure')),
  judgement TEXT NOT NULL CHECK (judgement IN ('Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate', 'Not yet inspected')),
  homes INTEGER NOT NULL CHECK (homes >= 0),
  registered_places INTEGER NOT NULL CHECK (registered_places >= 0),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (area_code, period, sector, home_type, judgement)
) STRICT;

CREATE TABLE childrens_home (
  urn TEXT NOT NULL,
  period TEXT NOT NULL,
  area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  sector TEXT NOT NULL CHECK (sector IN ('Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other')),
  home_type TEXT NOT NULL CHECK (home_type IN ('childrensHome', 'shortBreakOnly', 'secure')),
  judgement TEXT NOT NULL CHECK (judgement IN ('Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate', 'Not yet inspected')),
  registered_places INTEGER NOT NULL CHECK (registered_places >= 0),
  registration_status TEXT NOT NULL CHECK (registration_status IN ('Active', 'Suspended')),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (urn, period)
) STRICT;

CREATE TABLE placement_flow (
  placing_area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  -- an area code, or 'OUTSIDE' for placements outside the consortium
  host_area_code TEXT NOT NULL,
  period TEXT NOT NULL,
  children INTEGER NOT NULL CHECK (children >= 0),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (placing_area_code, host_area_code, period)
) STRICT;

CREATE TABLE unit_cost (
  placement_type TEXT NOT NULL,
  sector TEXT NOT NULL,
  price_year TEXT NOT NULL,
  weekly_cost REAL NOT NULL CHECK (weekly_cost >= 0),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (placement_type, sector, price_year)
) STRICT;

ALTER TABLE assumption ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE assumption ADD COLUMN source_id TEXT REFERENCES source (id);
`;
