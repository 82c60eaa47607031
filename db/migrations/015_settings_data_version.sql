-- Settings shape what every reader is shown (control-line labels, parcel thresholds, grade
-- cut-offs): a change to them advances the data version like a change to the data, so cached
-- tiles and answers (ETags) are not kept past it.
CREATE TRIGGER settings_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
