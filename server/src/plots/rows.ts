// The row every plot query selects (PLOT_SELECT), in a module of its own so modules the client
// type-checks (the export columns, through the import schemas) need no server code.

export interface PlotRow {
  id: number;
  code: string;
  zone_id: number | null;
  zone_name: string | null;
  zone_name_en: string | null;
  district_code: string;
  district_name: string;
  district_name_en: string;
  area_mu: number;
  land_use_code: string;
  land_use_name: string;
  land_use_name_en: string;
  is_sample: boolean;
  internal: boolean;
  status: string;
  enterprise_name: string | null;
  inefficiency_type: string | null;
  grade: string | null;
}
