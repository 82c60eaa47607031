-- Control-line compliance (工业用地控制线): the rule a plot breaks, if any, defined once in SQL and
-- kept on the plot, so the compliance lists, exports, plot filters and map tiles all read one
-- stored value instead of calling a function per row (a tile carries up to 20,000 plots).

-- The rules are configuration (DOMAIN.md): minimum industrial share of a line's area, by level and
-- per district (Shenzhen: 60%); minimum share of a district's industrial land inside the lines
-- (Guangzhou: 80%); and the share of a plot that must lie inside a line to count as inside.
-- Values already set win over these defaults.
UPDATE settings
   SET value = '{"minIndustrialShareCore": 0.60, "minIndustrialShareTransitional": 0.60,
                 "minIndustrialShareDistrict": 0.60, "minDistrictIndustrialInsideShare": 0.80,
                 "mostlyInsideShare": 0.5}'::jsonb || value,
       description = 'Industrial control lines (工业用地控制线): minimum industrial share of the area of each core and '
                  || 'transitional line and of the lines in each district; minimum share of a district''s industrial '
                  || 'land inside the lines; share of a plot inside a line for it to count as inside'
 WHERE key = 'control_lines.rules';

-- One number of the rules; a missing or non-numeric value falls back to the default given.
CREATE FUNCTION control_line_rule(rules jsonb, name text, fallback double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN jsonb_typeof(rules -> name) = 'number' THEN (rules ->> name)::float8 ELSE fallback END;

-- The one definition of a plot's compliance, given whether its land use is industrial, its shares
-- of area inside core lines and inside any line (0–1) and the rules: an industrial plot not mostly
-- inside any line is 'industrial_outside', a non-industrial plot mostly inside core lines is
-- 'nonindustrial_in_core', anything else is compliant (NULL). Plain and immutable, so the planner
-- inlines it into set-based queries.
CREATE FUNCTION line_compliance_of(is_industrial boolean, core_share double precision,
                                   line_share double precision, rules jsonb)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN is_industrial
         AND line_share < LEAST(1, GREATEST(0.000001, control_line_rule(rules, 'mostlyInsideShare', 0.5)))
      THEN 'industrial_outside'
    WHEN NOT is_industrial AND core_share > 0
         AND core_share >= LEAST(1, GREATEST(0.000001, control_line_rule(rules, 'mostlyInsideShare', 0.5)))
      THEN 'nonindustrial_in_core'
  END;

-- The same for one plot's land-use code, with the land-use classes and the rules in force.
CREATE FUNCTION plot_line_compliance(land_use_code text, core_share double precision, line_share double precision)
  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  RETURN (SELECT line_compliance_of(u.is_industrial, plot_line_compliance.core_share,
                                    plot_line_compliance.line_share, s.value)
            FROM land_use_classes u
            LEFT JOIN settings s ON s.key = 'control_lines.rules'
           WHERE u.code = plot_line_compliance.land_use_code);

ALTER TABLE plots
  ADD COLUMN line_compliance text CHECK (line_compliance IN ('industrial_outside', 'nonindustrial_in_core'));
COMMENT ON COLUMN plots.line_compliance IS
  'Control-line rule the plot breaks (plot_line_compliance), NULL when compliant; kept by triggers';

-- Set on every write of its inputs (008 writes the shares at the end of each statement that adds
-- or reshapes plots). Writing the column itself recomputes it, so no other value can be set by hand.
CREATE FUNCTION plots_set_line_compliance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.land_use_code = OLD.land_use_code
     AND NEW.core_share IS NOT DISTINCT FROM OLD.core_share AND NEW.line_share IS NOT DISTINCT FROM OLD.line_share
     AND NEW.line_compliance IS NOT DISTINCT FROM OLD.line_compliance THEN
    RETURN NEW;
  END IF;
  NEW.line_compliance := CASE WHEN NEW.line_share IS NOT NULL
                              THEN plot_line_compliance(NEW.land_use_code, NEW.core_share, NEW.line_share) END;
  RETURN NEW;
END $$;

-- Named to run after 008's plots_line_shares_mark (BEFORE triggers run in name order).
CREATE TRIGGER plots_set_line_compliance
  BEFORE INSERT OR UPDATE OF land_use_code, core_share, line_share, line_compliance ON plots
  FOR EACH ROW EXECUTE FUNCTION plots_set_line_compliance();

-- When the rules or the industrial classes change, every plot whose answer changes is rewritten.
CREATE FUNCTION plots_recompute_line_compliance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE plots p SET line_compliance = line_compliance_of(u.is_industrial, p.core_share, p.line_share, s.value)
    FROM land_use_classes u LEFT JOIN settings s ON s.key = 'control_lines.rules'
   WHERE u.code = p.land_use_code AND p.line_share IS NOT NULL
     AND p.line_compliance IS DISTINCT FROM line_compliance_of(u.is_industrial, p.core_share, p.line_share, s.value);
  RETURN NULL;
END $$;

CREATE TRIGGER settings_line_compliance_update AFTER UPDATE ON settings
  FOR EACH ROW WHEN (NEW.key = 'control_lines.rules' AND NEW.value IS DISTINCT FROM OLD.value)
  EXECUTE FUNCTION plots_recompute_line_compliance();
CREATE TRIGGER settings_line_compliance_insert AFTER INSERT ON settings
  FOR EACH ROW WHEN (NEW.key = 'control_lines.rules')
  EXECUTE FUNCTION plots_recompute_line_compliance();
CREATE TRIGGER settings_line_compliance_delete AFTER DELETE ON settings
  FOR EACH ROW WHEN (OLD.key = 'control_lines.rules')
  EXECUTE FUNCTION plots_recompute_line_compliance();
CREATE TRIGGER land_use_line_compliance AFTER UPDATE OF is_industrial ON land_use_classes
  FOR EACH ROW WHEN (NEW.is_industrial IS DISTINCT FROM OLD.is_industrial)
  EXECUTE FUNCTION plots_recompute_line_compliance();

-- Existing plots: only those that break a rule need writing.
UPDATE plots p SET line_compliance = line_compliance_of(u.is_industrial, p.core_share, p.line_share, s.value)
  FROM land_use_classes u LEFT JOIN settings s ON s.key = 'control_lines.rules'
 WHERE u.code = p.land_use_code AND p.line_share IS NOT NULL
   AND line_compliance_of(u.is_industrial, p.core_share, p.line_share, s.value) IS NOT NULL;

-- Industrial area inside each control line in force, for the compliance summary (all lines, or
-- those of one district). A plot's stored shares say how much of it lies inside some line, not
-- which: each line is measured here. Lines are split into their polygons so the plot index narrows
-- each search; a plot wholly inside a polygon counts its stored area, one crossing the edge only
-- the part inside; plots outside every line (stored share 0) are skipped unread. JIT is off: the
-- planner's guess for the split (1,000 rows a line) would have it compile for longer than the query runs.
CREATE FUNCTION control_line_industrial_areas(district text DEFAULT NULL)
  RETURNS TABLE (line_id integer, industrial_mu double precision)
  LANGUAGE sql STABLE ROWS 50 SET jit = off
AS $$
  WITH lines AS MATERIALIZED (
    SELECT l.id, l.geom FROM control_lines_current l
     WHERE district IS NULL OR l.district_code = district
        OR (l.district_code IS NULL
            AND EXISTS (SELECT 1 FROM districts d WHERE d.code = district AND ST_Intersects(d.geom, l.geom)))),
  pieces AS MATERIALIZED (SELECT id, (ST_Dump(geom)).geom AS geom FROM lines),
  industrial AS (SELECT code FROM land_use_classes WHERE is_industrial)
  SELECT l.id, coalesce(sum(x.area_mu), 0)
    FROM lines l
    LEFT JOIN pieces c ON c.id = l.id
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN ST_Covers(c.geom, p.geom) THEN p.area_mu
                      WHEN ST_Intersects(c.geom, p.geom) THEN area_mu(ST_Intersection(p.geom, c.geom))
                      ELSE 0 END) AS area_mu
        FROM plots p
       WHERE p.geom && c.geom AND p.line_share > 0 AND p.land_use_code IN (SELECT code FROM industrial)) x ON true
   GROUP BY l.id
$$;

-- Per district (all, or one): the area of the lines in force inside it; its industrial plots, and
-- how much of them lies inside the lines (from each plot's stored share, so overlapping lines count
-- once); and the plots breaking each rule.
CREATE FUNCTION control_line_district_areas(district text DEFAULT NULL)
  RETURNS TABLE (district_code text, line_area_mu double precision, industrial_mu double precision,
                 industrial_in_lines_mu double precision, outside_count integer, outside_mu double precision,
                 in_core_count integer, in_core_mu double precision)
  LANGUAGE sql STABLE ROWS 20 SET jit = off
AS $$
  WITH lines AS (SELECT ST_Union(geom) AS geom FROM control_lines_current),
  tally AS (
    SELECT p.district_code,
           sum(p.area_mu) FILTER (WHERE u.is_industrial) AS industrial_mu,
           sum(p.area_mu * p.line_share) FILTER (WHERE u.is_industrial) AS industrial_in_lines_mu,
           count(*) FILTER (WHERE p.line_compliance = 'industrial_outside') AS outside_count,
           sum(p.area_mu) FILTER (WHERE p.line_compliance = 'industrial_outside') AS outside_mu,
           count(*) FILTER (WHERE p.line_compliance = 'nonindustrial_in_core') AS in_core_count,
           sum(p.area_mu) FILTER (WHERE p.line_compliance = 'nonindustrial_in_core') AS in_core_mu
      FROM plots p JOIN land_use_classes u ON u.code = p.land_use_code
     WHERE district IS NULL OR p.district_code = district
     GROUP BY p.district_code)
  SELECT d.code,
         CASE WHEN l.geom IS NULL OR NOT ST_Intersects(d.geom, l.geom) THEN 0
              ELSE area_mu(ST_Intersection(d.geom, l.geom)) END,
         coalesce(t.industrial_mu, 0), coalesce(t.industrial_in_lines_mu, 0),
         coalesce(t.outside_count, 0)::integer, coalesce(t.outside_mu, 0),
         coalesce(t.in_core_count, 0)::integer, coalesce(t.in_core_mu, 0)
    FROM districts d CROSS JOIN lines l
    LEFT JOIN tally t ON t.district_code = d.code
   WHERE district IS NULL OR d.code = district
$$;

-- The breach lists: by kind, largest first.
CREATE INDEX plots_line_compliance_idx ON plots (line_compliance, area_mu DESC, id)
  WHERE line_compliance IS NOT NULL;
