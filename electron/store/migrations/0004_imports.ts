// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0004 imports: the log of every committed import (file, SHA-256, time, counts) and population projections.

CREATE TABLE import_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id TEXT NOT NULL REFERENCES source (id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  kind TEXT NOT NULL,
  sheet_name TEXT,
  imported_at TEXT NOT NULL,
  rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
  rows_added INTEGER NOT NULL CHECK (rows_added >= 0),
  rows_replaced INTEGER NOT NULL CHECK (rows_replaced >= 0),
  warnings INTEGER NOT NULL CHECK (warnings >= 0)
) STRICT;

CREATE TABLE population_projection (
  area_code TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  population_0_to_17 REAL NOT NULL CHECK (population_0_to_17 >= 0),
  source_id TEXT NOT NULL REFERENCES source (id),
  PRIMARY KEY (area_code, year)
) STRICT;
`;
