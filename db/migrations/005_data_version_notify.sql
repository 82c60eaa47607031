-- Servers keep the data version in memory and LISTEN for changes, instead of reading the sequence
-- on every tile request. NOTIFY is delivered when the writing transaction commits, and never for
-- one that rolls back, so a listener learns of a write exactly when readers can see it. The payload
-- is the sequence value the statement took; listeners treat any notification as "read it again".
-- Committing a transaction that notified takes a brief global lock on the notification queue,
-- which is nothing at the rate land data is edited.

CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('land_atlas_data_version', nextval('data_version')::text);
  RETURN NULL;
END $$;
