-- A tile rendered while a write is still uncommitted shows the old data, yet the statement trigger
-- has already advanced the version, so that stale tile would be cached under the version readers
-- use after the commit. The trigger now also marks the transaction; the application, seeing the
-- mark, advances the version once more right after COMMIT (and notifies), orphaning any such tile.

CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('land_atlas_data_version', nextval('data_version')::text);
  PERFORM set_config('land_atlas.data_changed', 'on', true);
  RETURN NULL;
END $$;
