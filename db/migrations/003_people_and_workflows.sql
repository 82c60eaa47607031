-- People, sessions, projects, reservations, flags, inquiries, imports and the audit trail.

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('investor', 'zone_manager', 'planner', 'admin')),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2%'),
  is_active     boolean NOT NULL DEFAULT true,
  is_sample     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));

-- A zone manager's scope. A zone manager with no rows here sees no internal data.
CREATE TABLE user_zones (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  zone_id integer NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, zone_id)
);

-- Server-side sessions, so several stateless server instances share them.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- 招引项目.
CREATE TABLE projects (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  investor         text NOT NULL,
  industry         text NOT NULL,
  investment_yi    numeric(10, 2) NOT NULL CHECK (investment_yi >= 0),  -- 亿元
  land_demand_mu   numeric(10, 2) CHECK (land_demand_mu >= 0),
  stage            text NOT NULL CHECK (stage IN ('talks', 'signed', 'started', 'producing')),
  zone_id          integer REFERENCES zones (id),
  signed_at        timestamptz,
  -- Set from settings 'projects.city_review' by trigger; null when no city review is needed.
  review_due_at    timestamptz,
  city_reviewed_at timestamptz,
  is_sample        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (stage = 'talks' OR signed_at IS NOT NULL)
);
CREATE INDEX projects_zone_idx ON projects (zone_id);

CREATE FUNCTION projects_set_review_due() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rule jsonb := (SELECT value FROM settings WHERE key = 'projects.city_review');
BEGIN
  IF NEW.signed_at IS NOT NULL AND rule IS NOT NULL
     AND NEW.investment_yi >= (rule ->> 'minInvestmentYi')::numeric THEN
    NEW.review_due_at := NEW.signed_at + make_interval(hours => (rule ->> 'hours')::int);
  ELSE
    NEW.review_due_at := NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER projects_review_due BEFORE INSERT OR UPDATE OF signed_at, investment_yi ON projects
  FOR EACH ROW EXECUTE FUNCTION projects_set_review_due();

-- 预留: a project holds one or more plots for a period.
CREATE TABLE reservations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id  bigint NOT NULL REFERENCES projects (id),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released', 'converted', 'expired')),
  period      tstzrange NOT NULL CHECK (NOT isempty(period) AND NOT upper_inf(period)),
  note        text NOT NULL DEFAULT '',
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz,
  CHECK ((status = 'active') = (closed_at IS NULL))
);
CREATE INDEX reservations_project_idx ON reservations (project_id);

-- One row per reserved plot. Period and activity are copied from the reservation (by trigger)
-- so that the database itself refuses two active reservations of one plot at the same time.
CREATE TABLE reservation_plots (
  reservation_id bigint NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
  plot_id        bigint NOT NULL REFERENCES plots (id),
  period         tstzrange NOT NULL,
  is_active      boolean NOT NULL,
  PRIMARY KEY (reservation_id, plot_id),
  CONSTRAINT reservation_plots_no_overlap
    EXCLUDE USING gist (plot_id WITH =, period WITH &&) WHERE (is_active)
);
CREATE INDEX reservation_plots_plot_idx ON reservation_plots (plot_id);

CREATE FUNCTION reservation_plots_copy_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT r.period, r.status = 'active' INTO NEW.period, NEW.is_active
    FROM reservations r WHERE r.id = NEW.reservation_id;
  RETURN NEW;
END $$;

CREATE TRIGGER reservation_plots_period BEFORE INSERT ON reservation_plots
  FOR EACH ROW EXECUTE FUNCTION reservation_plots_copy_period();

CREATE FUNCTION reservations_sync_plots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reservation_plots
     SET period = NEW.period, is_active = (NEW.status = 'active')
   WHERE reservation_id = NEW.id;
  RETURN NEW;
END $$;

CREATE TRIGGER reservations_sync AFTER UPDATE OF period, status ON reservations
  FOR EACH ROW EXECUTE FUNCTION reservations_sync_plots();

-- 标记: a zone manager's proposal about a plot, pending until a planner reviews it.
CREATE TABLE flags (
  id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plot_id                     bigint NOT NULL REFERENCES plots (id),
  proposed_status             text CHECK (proposed_status IN
                                ('in_use', 'low_efficiency', 'idle', 'revitalizing', 'available', 'reserved', 'supplied')),
  proposed_inefficiency_type  text CHECK (proposed_inefficiency_type IN
                                ('idle', 'low_output', 'low_intensity', 'halted', 'industry_mismatch', 'noncompliant', 'grade_d')),
  reason                      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  evidence                    text NOT NULL DEFAULT '',
  contracted_start_date       date,
  status                      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  created_by                  bigint NOT NULL REFERENCES users (id),
  created_at                  timestamptz NOT NULL DEFAULT now(),
  reviewed_by                 bigint REFERENCES users (id),
  reviewed_at                 timestamptz,
  review_note                 text,
  CHECK (proposed_status IS NOT NULL OR proposed_inefficiency_type IS NOT NULL),
  CHECK ((status = 'pending') = (reviewed_at IS NULL))
);
CREATE INDEX flags_plot_idx ON flags (plot_id);
CREATE INDEX flags_pending_idx ON flags (created_at) WHERE status = 'pending';

-- 投资意向: about exactly one plot, parcel or zone; routed to the zone's managers.
CREATE TABLE inquiries (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_type    text NOT NULL CHECK (target_type IN ('plot', 'parcel', 'zone')),
  plot_id        bigint REFERENCES plots (id),
  parcel_id      bigint REFERENCES parcels (id) ON DELETE SET NULL,
  zone_id        integer REFERENCES zones (id),
  contact_name   text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 100),
  company        text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
  phone          text,
  email          text,
  land_demand_mu numeric(10, 2) CHECK (land_demand_mu > 0),
  industry       text,
  message        text NOT NULL DEFAULT '' CHECK (length(message) <= 4000),
  status         text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'closed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (phone IS NOT NULL OR email IS NOT NULL),
  CHECK (target_type <> 'plot' OR plot_id IS NOT NULL),
  CHECK (target_type <> 'zone' OR zone_id IS NOT NULL)
);
CREATE INDEX inquiries_zone_idx ON inquiries (zone_id, status);

-- Data imports (upload → preview → commit or discard).
CREATE TABLE imports (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filename    text NOT NULL,
  format      text NOT NULL CHECK (format IN ('geojson', 'shapefile', 'csv')),
  status      text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'committed', 'discarded', 'failed')),
  source_crs  text,
  encoding    text,
  mapping     jsonb NOT NULL DEFAULT '{}',
  report      jsonb NOT NULL DEFAULT '{}',
  counts      jsonb NOT NULL DEFAULT '{}',
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- Every write: who, what, before and after.
CREATE TABLE audit_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint REFERENCES users (id),
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text NOT NULL,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, at);
CREATE INDEX audit_events_at_idx ON audit_events (at);

-- A plot's status history is recorded by the database itself, whoever changes it. The actor is
-- taken from the transaction setting land_atlas.actor_id when the application sets it.
CREATE FUNCTION plots_record_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
     OR NEW.inefficiency_type IS DISTINCT FROM OLD.inefficiency_type THEN
    INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after)
    VALUES (nullif(current_setting('land_atlas.actor_id', true), '')::bigint,
            'plot.status_changed', 'plot', OLD.id::text,
            jsonb_build_object('status', OLD.status, 'inefficiencyType', OLD.inefficiency_type),
            jsonb_build_object('status', NEW.status, 'inefficiencyType', NEW.inefficiency_type));
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TRIGGER plots_status_history BEFORE UPDATE ON plots
  FOR EACH ROW EXECUTE FUNCTION plots_record_status_change();
