-- 亩均效益评价: scoring and grading the enterprises on the plots, by the database, set-based.
--
-- Score = Σ (indicator ÷ benchmark × weight) over tax per mu, sales per mu and green development
-- (tax per tonne of standard coal); the benchmark is benchmarkFactor × the county's average over
-- its rated plots unless a benchmark is set for the county. Rated plots are ranked within their
-- county (district_code) and graded by cumulative share of the ranking: A top 20%, B to 60%, C to
-- 95%, D the rest. T = occupied but not rated. Plots without an occupant have no grade.
--
-- plots.grade stays on the plot (the map, filters and statistics read it) and is written only
-- where it changes. Score and rank live beside it in the narrow plot_grades: every score in a
-- county moves whenever its average does, and rewriting a million wide plot rows for that
-- (geometry checks, a GiST index, row triggers) takes ~40 s. The evaluation's date and the
-- benchmarks are kept once per county in grading_benchmarks.

-- When the enterprise went into production (投产日期); young firms are not rated (T).
ALTER TABLE plots ADD COLUMN production_start_date date;
COMMENT ON COLUMN plots.production_start_date IS
  '投产日期: start of production; unknown counts as long established for grading';

-- The score moved to plot_grades (see above).
ALTER TABLE plots DROP COLUMN grade_score;

CREATE TABLE plot_grades (
  plot_id    bigint PRIMARY KEY,  -- references plots, added below once filled
  score      numeric(10, 4),  -- null for T
  rank       integer,         -- within the county among rated plots, 1 = best; ties share a rank
  rank_total integer,         -- rated plots in the county
  CHECK ((score IS NULL) = (rank IS NULL) AND (rank IS NULL) = (rank_total IS NULL)),
  CHECK (rank BETWEEN 1 AND rank_total)
);
COMMENT ON TABLE plot_grades IS
  '亩均效益评价 result of each occupied plot in the latest evaluation (grade in plots.grade; date in grading_benchmarks)';

-- The benchmarks each county was scored against in the latest evaluation, and when that was.
CREATE TABLE grading_benchmarks (
  district_code text PRIMARY KEY REFERENCES districts (code) ON DELETE CASCADE,
  tax_per_mu    numeric,  -- 万元/亩·年
  sales_per_mu  numeric,  -- 万元/亩·年
  green         numeric,  -- 万元/吨标煤
  rated         integer NOT NULL,
  graded_at     timestamptz NOT NULL
);

INSERT INTO settings (key, value, description) VALUES
  ('grading.eligibility',
   '{"landUseCodes": ["1001"], "statuses": ["in_use", "low_efficiency", "revitalizing"], "minYearsInProduction": 2}',
   'Per-mu evaluation: occupants rated only on these land-use classes (with subclasses; others such as utilities, logistics, commerce are T), on plots of these statuses (idle or not yet built: T), and at least this many years after their production start date when it is known'),
  ('grading.benchmarks',
   '{}',
   'Per-mu evaluation: benchmarks set per county, e.g. {"320812": {"taxPerMu": 30, "salesPerMu": 700, "green": 6}} (万元/亩, 万元/亩, 万元/吨标煤); any not set is benchmarkFactor × the county''s average');

-- Tax per tonne of standard coal (万元/吨标煤): tax ÷ (energy per value added × value added per mu),
-- value added per mu being sales per mu × value-added rate. No energy use recorded gives 0 (no
-- credit); a missing input gives null.
CREATE FUNCTION green_index(tax float8, sales float8, value_added_rate float8, energy float8)
  RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN tax IS NULL OR sales IS NULL OR value_added_rate IS NULL OR energy IS NULL THEN NULL
              WHEN energy * sales * value_added_rate > 0 THEN tax / (energy * sales * value_added_rate)
              ELSE 0 END;

-- Reads a setting's number, refusing anything else with a message naming it.
CREATE FUNCTION grading_number(doc jsonb, setting text, field text, minimum numeric) RETURNS numeric
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF (CASE WHEN jsonb_typeof(doc -> field) = 'number' THEN (doc ->> field)::numeric < minimum ELSE true END) THEN
    RAISE EXCEPTION 'setting %: "%" must be a number of at least %', setting, field, minimum
      USING ERRCODE = '22023';
  END IF;
  RETURN (doc ->> field)::numeric;
END $$;

-- Grades every occupied plot from the settings; returns per county the benchmarks and counts.
CREATE FUNCTION grade_plots()
  RETURNS TABLE (district text, benchmark_tax_per_mu numeric, benchmark_sales_per_mu numeric,
                 benchmark_green numeric, grade_a integer, grade_b integer, grade_c integer, grade_d integer,
                 grade_t integer, grades_changed integer)
  LANGUAGE plpgsql
  -- The ranking sorts every rated plot: in memory, not in temporary files.
  SET work_mem = '256MB'
  AS $fn$
DECLARE
  weights jsonb; cutoffs jsonb; eligibility jsonb; benchmarks jsonb;
  w_tax numeric; w_sales numeric; w_green numeric; factor numeric;
  cut_a numeric; cut_b numeric; cut_c numeric;
  min_years numeric; land_uses text[]; statuses text[]; rated_uses text[];
  bad text;
BEGIN
  -- One evaluation at a time: a second waits, then grades the data as the first left it.
  PERFORM pg_advisory_xact_lock(727100010);
  weights := (SELECT value FROM settings WHERE key = 'grading.weights');
  cutoffs := (SELECT value FROM settings WHERE key = 'grading.cutoffs');
  eligibility := (SELECT value FROM settings WHERE key = 'grading.eligibility');
  benchmarks := coalesce((SELECT value FROM settings WHERE key = 'grading.benchmarks'), '{}');
  IF jsonb_typeof(weights) IS DISTINCT FROM 'object' OR jsonb_typeof(cutoffs) IS DISTINCT FROM 'object'
     OR jsonb_typeof(eligibility) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'settings grading.weights, grading.cutoffs and grading.eligibility must be JSON objects'
      USING ERRCODE = '22023';
  END IF;
  w_tax := grading_number(weights, 'grading.weights', 'taxPerMu', 0);
  w_sales := grading_number(weights, 'grading.weights', 'salesPerMu', 0);
  w_green := grading_number(weights, 'grading.weights', 'green', 0);
  factor := grading_number(weights, 'grading.weights', 'benchmarkFactor', 0);
  IF factor = 0 OR w_tax + w_sales + w_green = 0 THEN
    RAISE EXCEPTION 'setting grading.weights: benchmarkFactor and the sum of the weights must be above 0'
      USING ERRCODE = '22023';
  END IF;
  cut_a := grading_number(cutoffs, 'grading.cutoffs', 'A', 0);
  cut_b := grading_number(cutoffs, 'grading.cutoffs', 'B', 0);
  cut_c := grading_number(cutoffs, 'grading.cutoffs', 'C', 0);
  IF NOT (cut_a <= cut_b AND cut_b <= cut_c AND cut_c <= 1) THEN
    RAISE EXCEPTION 'setting grading.cutoffs: shares must rise from A to C and not pass 1 (A %, B %, C %)',
      cut_a, cut_b, cut_c USING ERRCODE = '22023';
  END IF;
  min_years := grading_number(eligibility, 'grading.eligibility', 'minYearsInProduction', 0);
  IF jsonb_typeof(eligibility -> 'landUseCodes') IS DISTINCT FROM 'array'
     OR jsonb_typeof(eligibility -> 'statuses') IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'setting grading.eligibility: "landUseCodes" and "statuses" must be lists'
      USING ERRCODE = '22023';
  END IF;
  land_uses := ARRAY(SELECT jsonb_array_elements_text(eligibility -> 'landUseCodes'));
  statuses := ARRAY(SELECT jsonb_array_elements_text(eligibility -> 'statuses'));
  IF jsonb_typeof(benchmarks) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'setting grading.benchmarks must be a JSON object keyed by county code'
      USING ERRCODE = '22023';
  END IF;
  SELECT k.key || coalesce('.' || f.key, '') INTO bad
    FROM jsonb_each(benchmarks) k
    LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(k.value) = 'object' THEN k.value END) f ON true
   WHERE k.key !~ '^[0-9]{6}$' OR jsonb_typeof(k.value) <> 'object'
      OR (f.key IS NOT NULL AND (f.key NOT IN ('taxPerMu', 'salesPerMu', 'green')
                                 OR CASE WHEN jsonb_typeof(f.value) = 'number' THEN (f.value #>> '{}')::numeric <= 0
                                         ELSE true END))
   LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'setting grading.benchmarks: "%" must be a 6-digit county code holding positive numbers under taxPerMu, salesPerMu or green', bad
      USING ERRCODE = '22023';
  END IF;

  -- The land-use classes rated: those listed and their subclasses.
  rated_uses := ARRAY(SELECT c.code FROM land_use_classes c
                       WHERE EXISTS (SELECT 1 FROM unnest(land_uses) u WHERE starts_with(c.code, u)));

  -- One statement, no temporary tables: the plots are read once, results held in memory, and
  -- only what changed is written.
  RETURN QUERY
  WITH evaluated AS MATERIALIZED (
    -- Every occupied plot, whether it is rated, and what the last evaluation left on it; plots
    -- that lost their occupant are kept so they lose their grade.
    SELECT p.id, p.district_code, p.enterprise_name IS NOT NULL AS occupied,
           p.tax_per_mu::float8 AS tax, p.sales_per_mu::float8 AS sales,
           green_index(p.tax_per_mu, p.sales_per_mu, p.value_added_rate, p.energy_per_value_added) AS green,
           p.enterprise_name IS NOT NULL
             AND p.status = ANY (statuses)
             AND p.land_use_code = ANY (rated_uses)
             AND (p.production_start_date IS NULL
                  OR p.production_start_date <= current_date - make_interval(months => round(min_years * 12)::integer))
             AND p.tax_per_mu IS NOT NULL AND p.sales_per_mu IS NOT NULL
             AND p.value_added_rate IS NOT NULL AND p.energy_per_value_added IS NOT NULL AS rated,
           p.grade AS old_grade, pg.plot_id IS NOT NULL AS had_result,
           pg.score AS old_score, pg.rank AS old_rank, pg.rank_total AS old_rank_total
      FROM plots p
      LEFT JOIN plot_grades pg ON pg.plot_id = p.id
     WHERE p.enterprise_name IS NOT NULL OR p.grade IS NOT NULL OR pg.plot_id IS NOT NULL
  ), bench AS MATERIALIZED (
    -- Each county's benchmarks: as set, else factor × the average over its rated plots.
    SELECT e.district_code,
           coalesce((benchmarks #>> ARRAY[e.district_code, 'taxPerMu'])::numeric,
                    round((factor * avg(e.tax) FILTER (WHERE e.rated))::numeric, 4)) AS tax,
           coalesce((benchmarks #>> ARRAY[e.district_code, 'salesPerMu'])::numeric,
                    round((factor * avg(e.sales) FILTER (WHERE e.rated))::numeric, 4)) AS sales,
           coalesce((benchmarks #>> ARRAY[e.district_code, 'green'])::numeric,
                    round((factor * avg(e.green) FILTER (WHERE e.rated))::numeric, 4)) AS green,
           count(*) FILTER (WHERE e.rated)::integer AS rated
      FROM evaluated e
     WHERE e.occupied
     GROUP BY e.district_code
  ), scored AS (
    -- Rounded as stored, so equal shown scores share a rank.
    SELECT e.*, b.rated AS rated_in_county, CASE WHEN e.rated THEN
             LEAST(999999.9999, round((coalesce(w_tax * e.tax / NULLIF(b.tax::float8, 0), 0)
                                       + coalesce(w_sales * e.sales / NULLIF(b.sales::float8, 0), 0)
                                       + coalesce(w_green * e.green / NULLIF(b.green::float8, 0), 0)) * 10000) / 10000)
           END AS score
      FROM evaluated e
      LEFT JOIN bench b USING (district_code)
  ), ranked AS (
    SELECT s.*,
           CASE WHEN s.rated THEN rank() OVER (PARTITION BY s.district_code, s.rated ORDER BY s.score DESC) END AS rank,
           CASE WHEN s.rated THEN s.rated_in_county END AS rank_total
      FROM scored s
  ), result AS MATERIALIZED (
    -- Grades by the share of the county's rated plots ranked above; T for the occupied unrated.
    SELECT r.id, r.district_code, r.old_grade, r.had_result, r.old_score, r.old_rank, r.old_rank_total,
           r.score::numeric(10, 4) AS score, r.rank::integer AS rank, r.rank_total::integer AS rank_total,
           CASE WHEN NOT r.occupied THEN NULL
                WHEN NOT r.rated THEN 'T'
                WHEN r.rank - 1 < cut_a * r.rank_total THEN 'A'
                WHEN r.rank - 1 < cut_b * r.rank_total THEN 'B'
                WHEN r.rank - 1 < cut_c * r.rank_total THEN 'C'
                ELSE 'D' END AS grade
      FROM ranked r
  ), plots_written AS (
    -- The map's copy of the grade, where it changed.
    UPDATE plots p SET grade = g.grade
      FROM result g
     WHERE p.id = g.id AND g.old_grade IS DISTINCT FROM g.grade
  ), results_removed AS (
    DELETE FROM plot_grades pg USING result g
     WHERE pg.plot_id = g.id AND g.had_result AND g.grade IS NULL
  ), results_changed AS (
    UPDATE plot_grades pg SET score = g.score, rank = g.rank, rank_total = g.rank_total
      FROM result g
     WHERE pg.plot_id = g.id AND g.had_result AND g.grade IS NOT NULL
       AND (g.old_score, g.old_rank, g.old_rank_total) IS DISTINCT FROM (g.score, g.rank, g.rank_total)
  ), results_added AS (
    INSERT INTO plot_grades (plot_id, score, rank, rank_total)
    SELECT g.id, g.score, g.rank, g.rank_total FROM result g WHERE NOT g.had_result AND g.grade IS NOT NULL
  ), benchmarks_gone AS (
    DELETE FROM grading_benchmarks gb WHERE gb.district_code NOT IN (SELECT b.district_code FROM bench b)
  ), benchmarks_written AS (
    INSERT INTO grading_benchmarks AS gb (district_code, tax_per_mu, sales_per_mu, green, rated, graded_at)
    SELECT b.district_code, b.tax, b.sales, b.green, b.rated, now() FROM bench b
    ON CONFLICT (district_code) DO UPDATE
      SET tax_per_mu = EXCLUDED.tax_per_mu, sales_per_mu = EXCLUDED.sales_per_mu, green = EXCLUDED.green,
          rated = EXCLUDED.rated, graded_at = EXCLUDED.graded_at
  )
  SELECT b.district_code, b.tax, b.sales, b.green,
         count(*) FILTER (WHERE g.grade = 'A')::integer, count(*) FILTER (WHERE g.grade = 'B')::integer,
         count(*) FILTER (WHERE g.grade = 'C')::integer, count(*) FILTER (WHERE g.grade = 'D')::integer,
         count(*) FILTER (WHERE g.grade = 'T')::integer,
         count(*) FILTER (WHERE g.old_grade IS DISTINCT FROM g.grade)::integer
    -- The writes above run to completion whether or not this reads them.
    FROM bench b
    JOIN result g USING (district_code)
   GROUP BY b.district_code, b.tax, b.sales, b.green
   ORDER BY b.district_code;
END $fn$;

-- Grade what the database already holds (the scores above replace plots.grade_score), then tie
-- the results to their plots: one check of the whole table, not one per row inserted.
SELECT count(*) FROM grade_plots();
ALTER TABLE plot_grades
  ADD CONSTRAINT plot_grades_plot_id_fkey FOREIGN KEY (plot_id) REFERENCES plots (id) ON DELETE CASCADE;
