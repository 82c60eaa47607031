-- Deleting every plot of a contiguous parcel (with psql, or an import's clean-up) left the parcel
-- behind with no members: parcels_refresh now removes parcels without members. The rest of the
-- function is as in 009.

CREATE OR REPLACE FUNCTION parcels_refresh() RETURNS integer
LANGUAGE plpgsql SET jit = off SET client_min_messages = warning AS $$
DECLARE
  cfg      jsonb := (SELECT value FROM settings WHERE key = 'parcels.contiguity');
  gap      double precision := (cfg ->> 'gapMetres')::double precision;
  dy       double precision := gap / 110000.0 * 1.1;
  srid     integer := metric_srid();
  whole    boolean;
  queued   integer;
  seeds    bigint[];
BEGIN
  PERFORM pg_advisory_xact_lock(727100002);
  DROP TABLE IF EXISTS pr_taken;
  CREATE TEMP TABLE pr_taken ON COMMIT DROP AS
    WITH taken AS (DELETE FROM parcel_refresh_queue RETURNING plot_id, old_geom, full_rebuild)
    SELECT * FROM taken;
  SELECT count(*), COALESCE(bool_or(full_rebuild), false) INTO queued, whole FROM pr_taken;
  IF queued = 0 THEN
    DROP TABLE pr_taken;
    RETURN 0;
  END IF;
  -- A deleted plot's membership is gone before this runs (ON DELETE CASCADE), so a parcel all of
  -- whose plots were deleted has no member left to lead back to it: it goes here. (Parcels that
  -- keep members are re-derived from the deleted outlines' neighbours below.)
  DELETE FROM parcels p WHERE NOT EXISTS (SELECT 1 FROM parcel_plots pp WHERE pp.parcel_id = p.id);
  IF whole OR queued > 5000 THEN
    PERFORM parcels_derive('planning', NULL);
    PERFORM parcels_derive('supply', NULL);
  ELSE
    -- Plots next to an outline that moved or vanished may have lost their bridge.
    seeds := ARRAY(
      SELECT plot_id FROM pr_taken WHERE plot_id IS NOT NULL
      UNION
      SELECT n.id FROM pr_taken t
        JOIN plots n ON n.geom && ST_Expand(t.old_geom, dy / cos(radians(ST_YMax(t.old_geom))), dy)
                    AND ST_DWithin(ST_Transform(t.old_geom, srid), ST_Transform(n.geom, srid), gap)
       WHERE t.old_geom IS NOT NULL);
    PERFORM parcels_derive('planning', seeds);
    PERFORM parcels_derive('supply', seeds);
  END IF;
  DROP TABLE pr_taken;
  RETURN queued;
END $$;

-- Parcels already orphaned by such deletes go now.
DELETE FROM parcels p WHERE NOT EXISTS (SELECT 1 FROM parcel_plots pp WHERE pp.parcel_id = p.id);
