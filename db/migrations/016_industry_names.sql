-- The investor view is read in English too: a zone's leading industries and its investment office
-- need English names. Industries are a city-wide vocabulary (the "7+3" clusters and the like), so
-- their English names are kept once, here, not per zone; a name without an entry shows as written.
-- The office's English name lives beside the Chinese one in zones.contact (departmentEn).
CREATE TABLE industry_names (
  name    text PRIMARY KEY CHECK (name <> ''),
  name_en text NOT NULL CHECK (name_en <> '')
);

CREATE TRIGGER industry_names_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON industry_names
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();

INSERT INTO industry_names (name, name_en) VALUES
  ('新能源及装备', 'New energy and equipment'),
  ('新能源汽车及零部件', 'New-energy vehicles and parts'),
  ('纤维新材料', 'New fibre materials'),
  ('化工新材料', 'New chemical materials'),
  ('PCB及电子元器件', 'PCBs and electronic components'),
  ('绿色食品', 'Green food'),
  ('生物技术和新医药', 'Biotechnology and new medicine'),
  ('集成电路', 'Integrated circuits'),
  ('人工智能和机器人', 'Artificial intelligence and robotics'),
  ('新型数字产业', 'Digital industries');

-- The sample city seeded before this migration: its offices get the English name the seed now gives.
UPDATE zones
   SET contact = contact || jsonb_build_object('departmentEn', 'Investment Promotion Office, ' || name_en || ' (sample)')
 WHERE is_sample AND contact ? 'department' AND NOT contact ? 'departmentEn';
