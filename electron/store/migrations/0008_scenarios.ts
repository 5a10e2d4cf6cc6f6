// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0008 scenarios: named sets of co-commissioning levers, stored as validated JSON. The baseline (no
-- levers) is implicit and cannot be edited.

CREATE TABLE scenario (
  id TEXT PRIMARY KEY NOT NULL CHECK (id <> 'baseline'),
  name TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
  levers_json TEXT NOT NULL CHECK (json_valid(levers_json)),
  sort_order INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX scenario_name ON scenario (name);
`;
