-- Where each plot lies against the industrial control lines, kept on the plot so compliance lists,
-- the site finder and the parcels read it cheaply; and the control lines that are in force.

-- A line can have several versions; the one in force is the latest already effective. Written as
-- NOT EXISTS (not DISTINCT ON) so a spatial condition on the view still uses the GiST index.
CREATE VIEW control_lines_current AS
  SELECT c.*
    FROM control_lines c
   WHERE c.effective_date <= current_date
     AND NOT EXISTS (SELECT 1 FROM control_lines n
                      WHERE n.code = c.code AND n.effective_date <= current_date
                        AND (n.effective_date, n.version) > (c.effective_date, c.version));

ALTER TABLE plots
  ADD COLUMN core_share double precision CHECK (core_share BETWEEN 0 AND 1),
  ADD COLUMN line_share double precision CHECK (line_share BETWEEN 0 AND 1);
COMMENT ON COLUMN plots.core_share IS 'Share of the plot inside core control lines (保障线) in force; NULL only inside the statement that changed the outline';
COMMENT ON COLUMN plots.line_share IS 'Share of the plot inside any control line in force; NULL only inside the statement that changed the outline';
CREATE INDEX plots_unmeasured_idx ON plots (id) WHERE line_share IS NULL;

-- Measures every plot not yet measured against the control lines in force. Set-based, because the
-- seed and imports add plots by the hundred thousand. Overlapping lines are merged before
-- measuring, so nothing is counted twice; a plot wholly inside one line (the usual case) skips the
-- intersection.
CREATE FUNCTION measure_line_shares() RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  UPDATE plots p
     SET core_share = m.core, line_share = m.any_line
    FROM (SELECT t.id,
                 CASE WHEN count(l.id) FILTER (WHERE l.level = 'core') = 0 THEN 0
                      WHEN bool_or(l.level = 'core' AND ST_Covers(l.geom, t.geom)) THEN 1
                      ELSE LEAST(1, area_mu(ST_Intersection(t.geom, ST_Union(l.geom) FILTER (WHERE l.level = 'core')))
                                    / NULLIF(area_mu(t.geom), 0)) END AS core,
                 CASE WHEN count(l.id) = 0 THEN 0
                      WHEN bool_or(ST_Covers(l.geom, t.geom)) THEN 1
                      ELSE LEAST(1, area_mu(ST_Intersection(t.geom, ST_Union(l.geom))) / NULLIF(area_mu(t.geom), 0)) END AS any_line
            FROM plots t
            LEFT JOIN control_lines_current l ON l.geom && t.geom AND ST_Intersects(l.geom, t.geom)
           WHERE t.line_share IS NULL
           GROUP BY t.id, t.geom) m
   WHERE p.id = m.id;
END $$;

-- A new plot, or one whose outline is written, is marked unmeasured here and measured once at
-- the end of the statement, together with every other row the statement wrote.
CREATE FUNCTION plots_unmeasure_line_shares() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.core_share := NULL;
  NEW.line_share := NULL;
  RETURN NEW;
END $$;

CREATE TRIGGER plots_line_shares_mark BEFORE INSERT OR UPDATE OF geom ON plots
  FOR EACH ROW EXECUTE FUNCTION plots_unmeasure_line_shares();

CREATE FUNCTION plots_measure_line_shares() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Deeper than 1 is the measuring UPDATE itself, or a remeasure after the lines changed.
  IF pg_trigger_depth() = 1 AND EXISTS (SELECT 1 FROM plots WHERE line_share IS NULL) THEN
    PERFORM measure_line_shares();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER plots_line_shares_measure AFTER INSERT OR UPDATE ON plots
  FOR EACH STATEMENT EXECUTE FUNCTION plots_measure_line_shares();

-- When lines change, the plots under the old and the new lines are measured again.
CREATE FUNCTION control_lines_remeasure_plots() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  extent geometry;
  added  geometry;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE plots SET core_share = 0, line_share = 0 WHERE line_share > 0;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT ST_Extent(geom)::geometry INTO extent FROM old_lines;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT ST_Extent(geom)::geometry INTO added FROM new_lines;
    extent := CASE WHEN extent IS NULL THEN added WHEN added IS NULL THEN extent
                   ELSE ST_Envelope(ST_Collect(extent, added)) END;
  END IF;
  IF extent IS NOT NULL THEN
    UPDATE plots SET core_share = NULL, line_share = NULL WHERE geom && extent;
    PERFORM measure_line_shares();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER control_lines_remeasure_insert AFTER INSERT ON control_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION control_lines_remeasure_plots();
CREATE TRIGGER control_lines_remeasure_update AFTER UPDATE ON control_lines
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION control_lines_remeasure_plots();
CREATE TRIGGER control_lines_remeasure_delete AFTER DELETE ON control_lines
  REFERENCING OLD TABLE AS old_lines
  FOR EACH STATEMENT EXECUTE FUNCTION control_lines_remeasure_plots();
CREATE TRIGGER control_lines_remeasure_truncate AFTER TRUNCATE ON control_lines
  FOR EACH STATEMENT EXECUTE FUNCTION control_lines_remeasure_plots();

-- The columns were added empty: measure everything once.
SELECT measure_line_shares();
