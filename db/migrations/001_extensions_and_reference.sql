-- Extensions, code lists and settings: the vocabulary every other table is constrained by.

CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- 1 mu = 10000/15 m². Areas are always geodesic (geography), never planar degrees.
CREATE FUNCTION area_mu(g geometry) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ST_Area(g::geography, true) / (10000.0 / 15.0);

-- 国土空间调查、规划、用途管制用地用海分类 (current national classification).
CREATE TABLE land_use_classes (
  code          text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  is_industrial boolean NOT NULL DEFAULT false
);

INSERT INTO land_use_classes (code, name_zh, name_en, is_industrial) VALUES
  ('1001',   '工业用地',         'Industrial land',                  true),
  ('100101', '一类工业用地',     'Class 1 industrial (no nuisance)', true),
  ('100102', '二类工业用地',     'Class 2 industrial (some nuisance)', true),
  ('100103', '三类工业用地',     'Class 3 industrial (severe nuisance)', true),
  ('1002',   '采矿用地',         'Mining land',                      false),
  ('1101',   '物流仓储用地',     'Logistics and warehousing',        false),
  ('110101', '一类物流仓储用地', 'Class 1 logistics and warehousing', false),
  ('110102', '二类物流仓储用地', 'Class 2 logistics and warehousing', false),
  ('110103', '三类物流仓储用地', 'Class 3 logistics and warehousing', false),
  ('1102',   '储备库用地',       'Reserve depot land',               false),
  ('0701',   '城镇住宅用地',     'Urban residential',                false),
  ('0801',   '机关团体用地',     'Government and institutions',      false),
  ('0901',   '商业用地',         'Commercial',                       false),
  ('1207',   '城镇村道路用地',   'Urban and village roads',          false),
  ('1401',   '公园绿地',         'Parks and green space',            false),
  ('1402',   '防护绿地',         'Protective green belt',            false);

-- Older survey data (GB/T 21010-2017, third national land survey) mapped to the current classes.
CREATE TABLE legacy_land_use_codes (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{2,4}[A-Z]?$'),
  name_zh     text NOT NULL,
  maps_to     text NOT NULL REFERENCES land_use_classes (code)
);

INSERT INTO legacy_land_use_codes (code, name_zh, maps_to) VALUES
  ('0601', '工业用地',     '1001'),
  ('0602', '采矿用地',     '1002'),
  ('0604', '仓储用地',     '1101'),
  ('0508', '物流仓储用地', '1101'),
  ('0701', '城镇住宅用地', '0701'),
  ('05',   '商服用地',     '0901'),
  ('0505', '商务金融用地', '0901');

-- Admin codes that older data still carries (merged or renamed districts).
CREATE TABLE district_code_aliases (
  old_code text PRIMARY KEY CHECK (old_code ~ '^[0-9]{6}$'),
  code     text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
  note     text NOT NULL
);

INSERT INTO district_code_aliases (old_code, code, note) VALUES
  ('320802', '320812', '清河区 merged into 清江浦区 (2016)'),
  ('320811', '320812', '清浦区 merged into 清江浦区 (2016)'),
  ('320829', '320813', '洪泽县 became 洪泽区 (2016)');

-- Configuration that the domain leaves open (DOMAIN.md marks these as settings, not code).
CREATE TABLE settings (
  key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value       jsonb NOT NULL,
  description text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO settings (key, value, description) VALUES
  ('parcels.contiguity',
   '{"minAreaMu": 500, "gapMetres": 30, "statuses": ["available", "idle", "low_efficiency", "revitalizing"]}',
   'Contiguous parcels (集中连片): minimum total area, gap tolerance for internal roads, candidate statuses'),
  ('grading.weights',
   '{"taxPerMu": 0.45, "salesPerMu": 0.35, "green": 0.20, "benchmarkFactor": 2.0}',
   'Per-mu benefit evaluation (亩均效益评价) weights; benchmark ≈ factor × county average of the previous year'),
  ('grading.cutoffs',
   '{"A": 0.20, "B": 0.60, "C": 0.95}',
   'Grade cut-offs as cumulative shares of the ranking within each county; the rest are D'),
  ('projects.city_review',
   '{"minInvestmentYi": 10, "hours": 72}',
   'Projects at or above this investment (亿元) need a city-level review within this many hours of signing'),
  ('control_lines.rules',
   '{"minIndustrialShareCore": 0.60, "minIndustrialShareDistrict": 0.60}',
   'Minimum industrial share inside control lines (工业用地控制线)'),
  ('plots.min_plot_ratio',
   '1.0',
   'Minimum plot ratio (容积率) for new industrial projects (northern Jiangsu)'),
  ('reservations.default_days',
   '180',
   'Default reservation period in days');
