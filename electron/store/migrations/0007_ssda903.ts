// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0007 SSDA903: the council's own child-level returns, kept as imported (gzip-compressed CSV) so the
-- stock-flow model can be refitted on any reference window. Personal data: it stays in the plan file.

CREATE TABLE ssda903_file (
  sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  file_name TEXT NOT NULL,
  table_kind TEXT NOT NULL CHECK (table_kind IN ('header', 'episodes', 'missing', 'uasc')),
  rows INTEGER NOT NULL CHECK (rows >= 0),
  content_gzip BLOB NOT NULL,
  source_id TEXT NOT NULL REFERENCES source (id),
  imported_at TEXT NOT NULL
) STRICT;
`;
