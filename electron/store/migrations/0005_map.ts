// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0005 map: imported boundaries (one shape per authority) and hex layouts.

CREATE TABLE boundary (
  area_code TEXT PRIMARY KEY NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  name TEXT NOT NULL,
  -- a GeoJSON geometry object, in longitude/latitude (WGS84)
  geometry_json TEXT NOT NULL CHECK (json_valid(geometry_json)),
  source_id TEXT NOT NULL REFERENCES source (id)
) STRICT;

CREATE TABLE hex_cell (
  area_code TEXT PRIMARY KEY NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  q INTEGER NOT NULL,
  r INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES source (id)
) STRICT;
`;
