// Immutable once released: its checksum is recorded in every plan. Add a new numbered file instead.
export const sql = `
-- 0010 SSDA903 parsed: the returns held in ssda903_file as the importer reads them (the child and
-- episode tables and the issues found), stored at import so that a stock-flow projection need not
-- read the CSV text again. Derived only: rebuilt from ssda903_file whenever its key (the files held
-- and the reader's version) does not match. Personal data, as ssda903_file: it stays in the plan file.

CREATE TABLE ssda903_parsed (
  key TEXT PRIMARY KEY NOT NULL CHECK (length(key) = 64),
  content_gzip BLOB NOT NULL
) STRICT;
`;
