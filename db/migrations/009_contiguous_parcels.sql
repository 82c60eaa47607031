-- 集中连片: contiguous parcels derived from the plots, in two scopes, and kept current.
--   planning: groups of candidate plots (settings 'parcels.contiguity'.statuses: available, idle,
--             low-efficiency, revitalizing) — what planners assemble;
--   supply:   groups of plots ready to supply (supplyStatuses: available) — what the public sees,
--             because a planning parcel's outline would reveal which occupied plots are inefficient.
-- Plots within the gap tolerance (internal roads) of each other are contiguous. Distances are in
-- metres in the city's CGCS2000 Gauss-Krüger zone, never in degrees.

UPDATE settings
   SET value = value || '{"supplyStatuses": ["available"]}',
       description = 'Contiguous parcels (集中连片): minimum total area (mu), gap tolerance for internal roads (metres), candidate statuses for planners and the statuses the public sees as ready to supply'
 WHERE key = 'parcels.contiguity';

ALTER TABLE parcels
  ADD COLUMN scope text NOT NULL DEFAULT 'planning' CHECK (scope IN ('planning', 'supply')),
  ADD COLUMN district_codes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN available_area_mu double precision NOT NULL DEFAULT 0 CHECK (available_area_mu >= 0),
  ADD COLUMN occupant_count integer NOT NULL DEFAULT 0 CHECK (occupant_count >= 0),
  ADD CONSTRAINT parcels_id_scope_key UNIQUE (id, scope);
ALTER TABLE parcels ALTER COLUMN scope DROP DEFAULT;
CREATE INDEX parcels_scope_area_idx ON parcels (scope, area_mu DESC);
COMMENT ON COLUMN parcels.available_area_mu IS 'Area of member plots already available (净地)';
COMMENT ON COLUMN parcels.occupant_count IS 'Distinct occupant enterprises still on member plots';

-- A plot belongs to at most one parcel of each scope; the database holds that, not only the code.
ALTER TABLE parcel_plots
  ADD COLUMN scope text NOT NULL DEFAULT 'planning',
  ADD CONSTRAINT parcel_plots_parcel_scope_fkey FOREIGN KEY (parcel_id, scope)
    REFERENCES parcels (id, scope) ON DELETE CASCADE;
ALTER TABLE parcel_plots ALTER COLUMN scope DROP DEFAULT;
-- The other members of the same parcel within the gap tolerance: the parcel's contiguity graph,
-- kept so the site finder need not measure it again on every search.
ALTER TABLE parcel_plots ADD COLUMN neighbours bigint[] NOT NULL DEFAULT '{}';
DROP INDEX parcel_plots_plot_idx;
CREATE UNIQUE INDEX parcel_plots_plot_scope_idx ON parcel_plots (plot_id, scope);

-- The metric CRS for distances: a setting when given, else the CGCS2000 3-degree Gauss-Krüger
-- zone (EPSG:4534 + n, central meridians 75°E…135°E) nearest the city's centre.
CREATE FUNCTION metric_srid() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE
  RETURN COALESCE(
    (SELECT (value #>> '{}')::integer FROM settings WHERE key = 'analysis.metric_srid'),
    (SELECT 4534 + LEAST(20, GREATEST(0, round((ST_X(ST_Centroid(ST_Extent(geom)::geometry)) - 75) / 3)))::integer
       FROM districts
     HAVING count(*) > 0),
    4549);

-- The outline of a group of plots: their union with the internal roads between them closed (grow
-- by half the gap, shrink back), from metres back to EPSG:4326. Parcels and site-finder candidates
-- both use it.
CREATE FUNCTION metric_outline(metric_union geometry, gap double precision) RETURNS geometry
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(
           ST_Buffer(ST_Buffer(metric_union, gap / 2 + 0.01, 'join=mitre mitre_limit=3'),
                     -(gap / 2 + 0.01), 'join=mitre mitre_limit=3'),
           4326)), 3));

CREATE FUNCTION plots_outline(ids bigint[], gap double precision, srid integer) RETURNS geometry
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN (SELECT metric_outline(ST_Union(ST_Transform(p.geom, srid)), gap) FROM plots p WHERE p.id = ANY (ids));

-- Plots whose status or outline changed since parcels were last derived. A row with full_rebuild
-- asks for the whole city (bulk loads, control lines or settings changed).
CREATE TABLE parcel_refresh_queue (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plot_id      bigint,
  old_geom     geometry(MultiPolygon, 4326),
  full_rebuild boolean NOT NULL DEFAULT false,
  queued_at    timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION parcels_mark_dirty() RETURNS void LANGUAGE sql AS $$
  SELECT set_config('land_atlas.parcels_dirty', 'on', true)
$$;

CREATE FUNCTION plots_queue_parcel_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO parcel_refresh_queue (plot_id, old_geom) VALUES (OLD.id, OLD.geom);
  ELSE  -- UPDATE of status or outline (see WHEN below)
    INSERT INTO parcel_refresh_queue (plot_id, old_geom)
    VALUES (NEW.id, CASE WHEN NEW.geom IS DISTINCT FROM OLD.geom THEN OLD.geom END);
  END IF;
  PERFORM parcels_mark_dirty();
  RETURN NULL;
END $$;

CREATE TRIGGER plots_parcel_refresh_update AFTER UPDATE ON plots
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.geom IS DISTINCT FROM NEW.geom)
  EXECUTE FUNCTION plots_queue_parcel_refresh();
CREATE TRIGGER plots_parcel_refresh_delete AFTER DELETE ON plots
  FOR EACH ROW EXECUTE FUNCTION plots_queue_parcel_refresh();

-- Inserts come one by one (an edit) or by the hundred thousand (seed, import): per statement.
CREATE FUNCTION plots_queue_parcel_refresh_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM new_plots LIMIT 1001) s) > 1000 THEN
    INSERT INTO parcel_refresh_queue (full_rebuild) VALUES (true);
  ELSE
    INSERT INTO parcel_refresh_queue (plot_id) SELECT id FROM new_plots;
  END IF;
  PERFORM parcels_mark_dirty();
  RETURN NULL;
END $$;

CREATE TRIGGER plots_parcel_refresh_insert AFTER INSERT ON plots
  REFERENCING NEW TABLE AS new_plots
  FOR EACH STATEMENT EXECUTE FUNCTION plots_queue_parcel_refresh_inserted();

CREATE FUNCTION queue_full_parcel_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO parcel_refresh_queue (full_rebuild) VALUES (true);
  PERFORM parcels_mark_dirty();
  RETURN NULL;
END $$;

CREATE TRIGGER control_lines_parcel_refresh AFTER INSERT OR UPDATE OR DELETE ON control_lines
  FOR EACH STATEMENT EXECUTE FUNCTION queue_full_parcel_refresh();
CREATE TRIGGER settings_parcel_refresh AFTER INSERT OR UPDATE ON settings
  FOR EACH ROW WHEN (NEW.key IN ('parcels.contiguity', 'analysis.metric_srid'))
  EXECUTE FUNCTION queue_full_parcel_refresh();

-- Derives the parcels of one scope: of the whole city (seeds NULL), or of the groups that the
-- seed plots belong to or belonged to. A group whose members mostly made up an old parcel keeps
-- that parcel's id, so links to a parcel survive edits that do not break it up.
CREATE FUNCTION parcels_derive(p_scope text, p_seeds bigint[]) RETURNS integer
LANGUAGE plpgsql SET jit = off SET client_min_messages = warning AS $$
DECLARE
  cfg      jsonb := (SELECT value FROM settings WHERE key = 'parcels.contiguity');
  min_area double precision := (cfg ->> 'minAreaMu')::double precision;
  gap      double precision := (cfg ->> 'gapMetres')::double precision;
  statuses text[] := ARRAY(SELECT jsonb_array_elements_text(
                       cfg -> CASE p_scope WHEN 'supply' THEN 'supplyStatuses' ELSE 'statuses' END));
  srid     integer := metric_srid();
  -- Degrees that surely cover the gap, for the index pre-filter (exact test in metres follows).
  dy       double precision := gap / 110000.0 * 1.1;
  written  integer;
BEGIN
  IF p_scope NOT IN ('planning', 'supply') THEN
    RAISE EXCEPTION 'unknown parcel scope %', p_scope;
  END IF;
  DROP TABLE IF EXISTS pd_members, pd_old, pd_new, pd_geo;
  CREATE TEMP TABLE pd_members (plot_id bigint PRIMARY KEY, comp integer NOT NULL) ON COMMIT DROP;
  CREATE TEMP TABLE pd_old (id bigint PRIMARY KEY) ON COMMIT DROP;

  IF p_seeds IS NULL THEN
    INSERT INTO pd_members
      SELECT id, ST_ClusterDBSCAN(ST_Transform(geom, srid), gap, 1) OVER ()
        FROM plots WHERE status = ANY (statuses);
    INSERT INTO pd_old SELECT id FROM parcels WHERE scope = p_scope;
  ELSE
    -- Start from the seeds still candidates, their candidate neighbours, and every member of a
    -- parcel a seed was in (a removed plot may have been the only bridge between its parts).
    WITH RECURSIVE start AS (
      SELECT p.id FROM plots p WHERE p.id = ANY (p_seeds) AND p.status = ANY (statuses)
      UNION
      SELECT n.id FROM plots s
        JOIN plots n ON n.geom && ST_Expand(s.geom, dy / cos(radians(ST_YMax(s.geom))), dy)
                    AND n.status = ANY (statuses)
                    AND ST_DWithin(ST_Transform(s.geom, srid), ST_Transform(n.geom, srid), gap)
       WHERE s.id = ANY (p_seeds)
      UNION
      SELECT pp.plot_id FROM parcel_plots pp
       WHERE pp.scope = p_scope
         AND pp.parcel_id IN (SELECT parcel_id FROM parcel_plots
                               WHERE scope = p_scope AND plot_id = ANY (p_seeds))
    ), reach(id) AS (
      -- A member of a parcel that is not a seed still has the neighbours stored with it (every
      -- candidate near it was in its group when it was derived; one that became a candidate since
      -- is a seed and finds it from its side). Anything else is looked up on the map.
      SELECT id FROM start
      UNION
      SELECT n.id
        FROM reach r
        CROSS JOIN LATERAL (
          SELECT unnest(pp.neighbours) AS id FROM parcel_plots pp
           WHERE pp.plot_id = r.id AND pp.scope = p_scope AND NOT (r.id = ANY (p_seeds))
          UNION ALL
          SELECT b.id FROM plots a
            JOIN plots b ON b.geom && ST_Expand(a.geom, dy / cos(radians(ST_YMax(a.geom))), dy)
                        AND ST_DWithin(ST_Transform(a.geom, srid), ST_Transform(b.geom, srid), gap)
           WHERE a.id = r.id
             AND (r.id = ANY (p_seeds)
                  OR NOT EXISTS (SELECT 1 FROM parcel_plots q WHERE q.plot_id = r.id AND q.scope = p_scope))
        ) nb
        JOIN plots n ON n.id = nb.id AND n.status = ANY (statuses)
    )
    INSERT INTO pd_members
      SELECT id, ST_ClusterDBSCAN(ST_Transform(geom, srid), gap, 1) OVER ()
        FROM plots WHERE id IN (SELECT id FROM reach) AND status = ANY (statuses);
    INSERT INTO pd_old
      SELECT DISTINCT parcel_id FROM parcel_plots
       WHERE scope = p_scope
         AND (plot_id = ANY (p_seeds) OR plot_id IN (SELECT plot_id FROM pd_members));
  END IF;

  -- Groups large enough, each matched to the old parcel sharing most of its area.
  CREATE TEMP TABLE pd_new ON COMMIT DROP AS
    WITH big AS (
      SELECT m.comp FROM pd_members m JOIN plots p ON p.id = m.plot_id
       GROUP BY m.comp HAVING sum(p.area_mu) >= min_area
    ), overlap AS (
      SELECT m.comp, pp.parcel_id, sum(p.area_mu) AS shared
        FROM pd_members m
        JOIN big USING (comp)
        JOIN parcel_plots pp ON pp.plot_id = m.plot_id AND pp.scope = p_scope
        JOIN plots p ON p.id = m.plot_id
       GROUP BY m.comp, pp.parcel_id
    ), best_for_parcel AS (
      SELECT DISTINCT ON (parcel_id) parcel_id, comp, shared
        FROM overlap ORDER BY parcel_id, shared DESC, comp
    ), matched AS (
      SELECT DISTINCT ON (comp) comp, parcel_id
        FROM best_for_parcel ORDER BY comp, shared DESC, parcel_id
    )
    SELECT big.comp, matched.parcel_id FROM big LEFT JOIN matched USING (comp);
  UPDATE pd_new SET parcel_id = nextval(pg_get_serial_sequence('parcels', 'id')) WHERE parcel_id IS NULL;

  DELETE FROM parcel_plots WHERE scope = p_scope AND parcel_id IN (SELECT id FROM pd_old);
  DELETE FROM parcels WHERE id IN (SELECT id FROM pd_old) AND id NOT IN (SELECT parcel_id FROM pd_new);

  -- Members in metres once, indexed: their links and outlines are measured here.
  CREATE TEMP TABLE pd_geo ON COMMIT DROP AS
    SELECT m.plot_id, m.comp, ST_Transform(p.geom, srid) AS g
      FROM pd_members m JOIN pd_new n USING (comp) JOIN plots p ON p.id = m.plot_id;
  CREATE INDEX pd_geo_g_idx ON pd_geo USING gist (g);
  ANALYZE pd_geo;

  INSERT INTO parcels (id, scope, area_mu, plot_count, zone_ids, district_codes, core_share,
                       transitional_share, available_area_mu, occupant_count, geom, derived_at)
  OVERRIDING SYSTEM VALUE
  SELECT n.parcel_id, p_scope, a.area_mu, a.plot_count, a.zone_ids, a.district_codes,
         LEAST(1, a.core_area / a.area_mu), LEAST(1, GREATEST(0, a.line_area - a.core_area) / a.area_mu),
         a.available_area_mu, a.occupant_count,
         metric_outline((SELECT ST_Union(g.g) FROM pd_geo g WHERE g.comp = n.comp), gap),
         now()
    FROM pd_new n
    CROSS JOIN LATERAL (
      SELECT sum(p.area_mu) AS area_mu, count(*)::integer AS plot_count,
             COALESCE(array_agg(DISTINCT p.zone_id ORDER BY p.zone_id) FILTER (WHERE p.zone_id IS NOT NULL), '{}') AS zone_ids,
             array_agg(DISTINCT p.district_code ORDER BY p.district_code) AS district_codes,
             sum(p.area_mu * COALESCE(p.core_share, 0)) AS core_area,
             sum(p.area_mu * COALESCE(p.line_share, 0)) AS line_area,
             COALESCE(sum(p.area_mu) FILTER (WHERE p.status = 'available'), 0) AS available_area_mu,
             count(DISTINCT p.enterprise_name)::integer AS occupant_count
        FROM pd_members m JOIN plots p ON p.id = m.plot_id
       WHERE m.comp = n.comp
    ) a
  ON CONFLICT (id) DO UPDATE
    SET area_mu = EXCLUDED.area_mu, plot_count = EXCLUDED.plot_count, zone_ids = EXCLUDED.zone_ids,
        district_codes = EXCLUDED.district_codes, core_share = EXCLUDED.core_share,
        transitional_share = EXCLUDED.transitional_share, available_area_mu = EXCLUDED.available_area_mu,
        occupant_count = EXCLUDED.occupant_count, geom = EXCLUDED.geom, derived_at = EXCLUDED.derived_at;

  INSERT INTO parcel_plots (parcel_id, plot_id, scope, neighbours)
    SELECT n.parcel_id, a.plot_id, p_scope,
           ARRAY(SELECT b.plot_id FROM pd_geo b
                  WHERE b.g && ST_Expand(a.g, gap) AND b.comp = a.comp AND b.plot_id <> a.plot_id
                    AND ST_DWithin(a.g, b.g, gap)
                  ORDER BY b.plot_id)
      FROM pd_geo a JOIN pd_new n USING (comp);
  GET DIAGNOSTICS written = ROW_COUNT;

  DROP TABLE pd_members, pd_old, pd_new, pd_geo;
  RETURN written;
END $$;

-- Works through the queue: the whole city when asked or when much changed, otherwise only the
-- groups around the changed plots. One at a time (advisory lock), so two writers never derive the
-- same group from different snapshots; the lock is held to the end of the calling transaction.
CREATE FUNCTION parcels_refresh() RETURNS integer
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

-- Whatever is already in the database is derived once now.
INSERT INTO parcel_refresh_queue (full_rebuild) VALUES (true);
SELECT parcels_refresh();
