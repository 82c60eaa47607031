-- A data version that any write to a mapped table advances. Tile caches (in the server, a CDN or
-- nginx via ETags) key on it, so an edit shows on the next request. A sequence rather than a
-- counter row: writers never wait on each other, and a rolled-back write only costs a cache miss.

CREATE SEQUENCE data_version;

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('data_version');
  RETURN NULL;
END $$;

CREATE TRIGGER plots_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plots
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER parcels_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON parcels
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER zones_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zones
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER districts_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER control_lines_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON control_lines
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
-- Who may see a plot's internals depends on zone scopes.
CREATE TRIGGER user_zones_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_zones
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
