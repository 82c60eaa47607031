import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { PlotProperties } from '../../client/src/api/types.ts';
import { plotsToCsv } from '../../client/src/features/plots/plots-csv.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [119, 33],
      [119.002, 33],
      [119.002, 33.002],
      [119, 33.002],
      [119, 33],
    ],
  ],
};

function plot(properties: Partial<PlotProperties>): Feature<Polygon, PlotProperties> {
  return {
    type: 'Feature',
    geometry: square,
    properties: {
      id: 1,
      code: 'HA-ETDZ-00001',
      zoneId: 1,
      zoneName: '淮安经济技术开发区',
      zoneNameEn: 'ETDZ',
      districtCode: '320803',
      districtName: '淮安区',
      districtNameEn: "Huai'an District",
      areaMu: 67.3,
      landUseCode: '1001',
      landUseName: '工业用地',
      landUseNameEn: 'Industrial land',
      status: 'occupied',
      isSample: true,
      ...properties,
    },
  };
}

describe('plots as CSV', () => {
  it('writes public columns and a label point, with a BOM for Excel', () => {
    const csv = plotsToCsv([plot({})]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csv.slice(1).trim().split('\r\n');
    expect(header).toBe(
      'code,zoneName,districtCode,districtName,areaMu,landUseCode,landUseName,status,lon,lat',
    );
    expect(row).toBe(
      'HA-ETDZ-00001,淮安经济技术开发区,320803,淮安区,67.3,1001,工业用地,occupied,119.001000,33.001000',
    );
  });

  it('adds internal columns only when the rows carry them', () => {
    const csv = plotsToCsv([plot({ status: 'idle', enterpriseName: '示例, "精密" 公司', grade: 'D' })]);
    const [header, row] = csv.slice(1).trim().split('\r\n');
    expect(header).toContain('enterpriseName,inefficiencyType,grade,lon,lat');
    expect(row).toContain('"示例, ""精密"" 公司",,D');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const csv = plotsToCsv([plot({ zoneName: '=HYPERLINK("x")' })]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
