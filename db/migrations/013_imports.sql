-- Imports of plots (upload → preview → commit or discard): the uploaded file while it is previewed,
-- its rows as read and checked, and the field mappings planners chose, remembered for next time.

ALTER TABLE imports
  ADD COLUMN file_size   bigint CHECK (file_size >= 0),
  -- What the reading found: the CRS and encoding detected (with how), the source fields.
  ADD COLUMN detection   jsonb NOT NULL DEFAULT '{}',
  -- What the planner chose (or accepted): source SRID, encoding, axis order.
  ADD COLUMN options     jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN finished_by bigint REFERENCES users (id),
  ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now();
CREATE INDEX imports_created_idx ON imports (created_at DESC);

-- The uploaded bytes, kept only while the import is a preview (a new encoding or CRS reads them
-- again); deleted when it is committed or discarded.
CREATE TABLE import_files (
  import_id bigint PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
  content   bytea NOT NULL
);

-- One row per source feature, as read and as checked. Geometry stays in the source CRS (any SRID)
-- until the check transforms it, so choosing another CRS needs no new upload.
CREATE TABLE import_rows (
  import_id     bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  row_number    integer NOT NULL CHECK (row_number >= 1),
  attributes    jsonb NOT NULL,
  -- Plot attributes from the mapping, normalised (codes, numbers, dates); keys are attribute names.
  plot_values   jsonb NOT NULL DEFAULT '{}',
  source_geom   geometry,
  geom          geometry(MultiPolygon, 4326),
  code          text,
  district_code text,
  zone_id       integer,
  -- Problems found reading the row (before the database saw it), then with those of its outline and
  -- place (which depend on the file alone), then all of them (with those that depend on the plots).
  read_problems   jsonb NOT NULL DEFAULT '[]',
  source_problems jsonb NOT NULL DEFAULT '[]',
  problems        jsonb NOT NULL DEFAULT '[]',
  action        text CHECK (action IN ('insert', 'update', 'skip')),
  PRIMARY KEY (import_id, row_number)
);
CREATE INDEX import_rows_code_idx ON import_rows (import_id, code);

-- The plot attribute a source field was last mapped to, by normalised field name.
CREATE TABLE import_field_memory (
  source_field text PRIMARY KEY CHECK (source_field = lower(btrim(source_field)) AND source_field <> ''),
  attribute    text NOT NULL,
  used_at      timestamptz NOT NULL DEFAULT now()
);

-- Transforms without failing the statement: coordinates outside a projection's domain give NULL
-- (and the row a problem) instead of aborting a check of a hundred thousand rows.
CREATE FUNCTION import_transform(g geometry, srid integer) RETURNS geometry
  LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
  RETURN ST_Transform(g, srid);
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
