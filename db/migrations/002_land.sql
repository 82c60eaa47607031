-- The land itself: districts, zones, control lines, plots and derived contiguous parcels.

CREATE TABLE districts (
  code       text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name       text NOT NULL,
  name_en    text NOT NULL,
  is_sample  boolean NOT NULL DEFAULT false,
  geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  area_mu    double precision GENERATED ALWAYS AS (area_mu(geom)) STORED
);
CREATE INDEX districts_geom_idx ON districts USING gist (geom);

CREATE TABLE zones (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{2,40}$'),
  name          text NOT NULL,
  name_en       text NOT NULL,
  level         text NOT NULL CHECK (level IN ('national', 'provincial', 'other')),
  district_code text NOT NULL REFERENCES districts (code),
  industries    text[] NOT NULL DEFAULT '{}' CHECK (cardinality(industries) <= 5),
  contact       jsonb NOT NULL DEFAULT '{}',
  is_sample     boolean NOT NULL DEFAULT false,
  geom          geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  area_mu       double precision GENERATED ALWAYS AS (area_mu(geom)) STORED
);
CREATE INDEX zones_geom_idx ON zones USING gist (geom);
CREATE INDEX zones_district_idx ON zones (district_code);

-- 工业用地控制线: 保障线 (core) and 过渡线 (transitional), versioned.
CREATE TABLE control_lines (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code           text NOT NULL,
  name           text NOT NULL,
  level          text NOT NULL CHECK (level IN ('core', 'transitional')),
  version        text NOT NULL,
  effective_date date NOT NULL,
  district_code  text REFERENCES districts (code),
  is_sample      boolean NOT NULL DEFAULT false,
  geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  area_mu        double precision GENERATED ALWAYS AS (area_mu(geom)) STORED,
  UNIQUE (code, version)
);
CREATE INDEX control_lines_geom_idx ON control_lines USING gist (geom);

CREATE TABLE plots (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                   text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{3,40}$'),
  zone_id                integer REFERENCES zones (id),
  district_code          text NOT NULL REFERENCES districts (code),
  geom                   geometry(MultiPolygon, 4326) NOT NULL
                           CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  area_mu                double precision GENERATED ALWAYS AS (area_mu(geom)) STORED,
  land_use_code          text NOT NULL REFERENCES land_use_classes (code),
  enterprise_name        text,
  status                 text NOT NULL DEFAULT 'in_use' CHECK (status IN
                           ('in_use', 'low_efficiency', 'idle', 'revitalizing', 'available', 'reserved', 'supplied')),
  inefficiency_type      text CHECK (inefficiency_type IN
                           ('idle', 'low_output', 'low_intensity', 'halted', 'industry_mismatch', 'noncompliant', 'grade_d')),
  contracted_start_date  date,
  -- 亩均效益 indicators, per mu and per year where it applies.
  investment_intensity   numeric(12, 2) CHECK (investment_intensity >= 0),  -- 万元/亩
  tax_per_mu             numeric(12, 2) CHECK (tax_per_mu >= 0),            -- 万元/亩·年
  sales_per_mu           numeric(12, 2) CHECK (sales_per_mu >= 0),          -- 万元/亩·年
  plot_ratio             numeric(6, 2) CHECK (plot_ratio >= 0),             -- 容积率
  value_added_rate       numeric(5, 4) CHECK (value_added_rate BETWEEN 0 AND 1),
  rd_share               numeric(5, 4) CHECK (rd_share BETWEEN 0 AND 1),
  energy_per_value_added numeric(10, 4) CHECK (energy_per_value_added >= 0), -- 吨标煤/万元
  grade                  text CHECK (grade IN ('A', 'B', 'C', 'D', 'T')),
  grade_score            numeric(8, 4),
  -- 七通一平: named servicing items, the list varies by city.
  servicing              text[] NOT NULL DEFAULT '{}' CHECK (servicing <@ ARRAY[
                           'road', 'power', 'water', 'drainage', 'sewage', 'telecom', 'gas', 'heat', 'cable', 'levelled']::text[]),
  guide_price            numeric(10, 2) CHECK (guide_price >= 0),           -- 万元/亩, for available land
  notes                  text,
  is_sample              boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (enterprise_name IS NULL OR status NOT IN ('available'))
);
CREATE INDEX plots_geom_idx ON plots USING gist (geom);
CREATE INDEX plots_zone_idx ON plots (zone_id);
CREATE INDEX plots_district_idx ON plots (district_code);
CREATE INDEX plots_status_idx ON plots (status);
CREATE INDEX plots_area_idx ON plots (area_mu);

-- 一地一策: one revitalization plan per plot.
CREATE TABLE revitalization_plans (
  plot_id          bigint PRIMARY KEY REFERENCES plots (id) ON DELETE CASCADE,
  measure          text NOT NULL CHECK (measure IN
                     ('take_back', 'reserve_purchase', 'swap', 'owner_upgrade', 'merger', 'transfer',
                      'judicial_sale', 'change_of_use', 'split_sale', 'lease')),
  responsible_unit text NOT NULL,
  target_date      date,
  progress         text NOT NULL DEFAULT '',
  progress_pct     smallint NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
  updated_by       bigint,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- 集中连片地块: derived from the plots (see analysis), stored so tiles and lists read them cheaply.
CREATE TABLE parcels (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_mu            double precision NOT NULL CHECK (area_mu > 0),
  plot_count         integer NOT NULL CHECK (plot_count > 0),
  zone_ids           integer[] NOT NULL DEFAULT '{}',
  core_share         double precision NOT NULL DEFAULT 0 CHECK (core_share BETWEEN 0 AND 1),
  transitional_share double precision NOT NULL DEFAULT 0 CHECK (transitional_share BETWEEN 0 AND 1),
  geom               geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  derived_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parcels_geom_idx ON parcels USING gist (geom);

CREATE TABLE parcel_plots (
  parcel_id bigint NOT NULL REFERENCES parcels (id) ON DELETE CASCADE,
  plot_id   bigint NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
  PRIMARY KEY (parcel_id, plot_id)
);
CREATE UNIQUE INDEX parcel_plots_plot_idx ON parcel_plots (plot_id);

-- What the public may know of a plot's status: whether it can be had. Everything else about the
-- lifecycle (inefficiency, revitalization, flags) is internal. One definition for API, tiles, OGC.
CREATE FUNCTION plot_public_status(status text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE WHEN status IN ('available', 'reserved') THEN status ELSE 'occupied' END;
