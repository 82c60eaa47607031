-- A reserved plot remembers the status it had, so releasing or expiring the reservation gives it
-- back (an idle plot held for a project is idle again, an available one available).
ALTER TABLE reservation_plots ADD COLUMN prior_status text NOT NULL DEFAULT 'available'
  CHECK (prior_status IN ('in_use', 'low_efficiency', 'idle', 'revitalizing', 'available'));
ALTER TABLE reservation_plots ALTER COLUMN prior_status DROP DEFAULT;

-- The expiry sweep looks for active reservations by end date.
CREATE INDEX reservations_active_end_idx ON reservations (upper(period)) WHERE status = 'active';
