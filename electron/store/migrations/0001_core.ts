// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0001 core: plan metadata, sources (provenance) and areas.

CREATE TABLE plan_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE source (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  publisher TEXT NOT NULL,
  file TEXT NOT NULL,
  table_name TEXT NOT NULL,
  period TEXT NOT NULL,
  licence TEXT NOT NULL,
  url TEXT NOT NULL,
  illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE area (
  code TEXT PRIMARY KEY NOT NULL,
  dfe_code TEXT,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('National', 'Regional', 'Local authority')),
  region_code TEXT,
  region_name TEXT,
  centroid_lat REAL,
  centroid_lon REAL,
  is_member INTEGER NOT NULL DEFAULT 0 CHECK (is_member IN (0, 1)),
  CHECK (is_member = 0 OR level = 'Local authority')
) STRICT;
`;
