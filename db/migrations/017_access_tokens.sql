-- Access tokens: how a desktop GIS (QGIS, GDAL/ogr2ogr) reads what its user may see from the
-- OGC API, the tiles and the exports, where a browser would use its session cookie. A token is
-- read-only (GET and HEAD only), belongs to one user and acts with that user's current role and
-- zones; the database keeps only its hash, as with sessions.
CREATE TABLE access_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX access_tokens_user_idx ON access_tokens (user_id);
