// How an imported row's values become plot attributes: field names recognised, Chinese labels and
// old codes read, and each value that cannot be read named with the reason.
import { describe, expect, it } from 'vitest';
import { mapRow, type References, suggestMapping } from '../../server/src/imports/attributes.ts';

const references: References = {
  landUseCodes: new Set(['1001', '100101', '100102', '1101']),
  landUseNames: new Map([['工业用地', '1001']]),
  legacyLandUse: new Map([
    ['0601', '1001'],
    ['0604', '1101'],
  ]),
  districtCodes: new Set(['320812', '320803']),
  districtAliases: new Map([['320802', '320812']]),
  districtNames: new Map([['清江浦区', '320812']]),
  zones: new Map([
    ['ha-etdz', 1],
    ['淮安经济技术开发区', 1],
  ]),
};

const fields = (...names: string[]) => names.map((name) => ({ name, type: 'text' as const }));

describe('suggesting a mapping', () => {
  it('recognises Chinese survey names, pinyin initials and our own export', () => {
    expect(suggestMapping(fields('地块编号', '用地代码', '权利人', '状态'), new Map())).toEqual({
      code: '地块编号',
      landUseCode: '用地代码',
      enterpriseName: '权利人',
      status: '状态',
    });
    expect(suggestMapping(fields('DKBH', 'DLBM', 'QYMC'), new Map())).toEqual({
      code: 'DKBH',
      landUseCode: 'DLBM',
      enterpriseName: 'QYMC',
    });
    expect(
      suggestMapping(
        fields('CODE', 'ZONE', 'DISTRICT', 'DIST_CODE', 'LANDUSE', 'GUIDE_PRIC', 'SAMPLE'),
        new Map(),
      ),
    ).toEqual({
      code: 'CODE',
      zone: 'ZONE',
      districtCode: 'DIST_CODE',
      landUseCode: 'LANDUSE',
      guidePrice: 'GUIDE_PRIC',
      isSample: 'SAMPLE',
    });
  });

  it('prefers what a planner mapped before, and never maps a bare AREA (often square metres)', () => {
    expect(suggestMapping(fields('BIANHAO', 'AREA'), new Map([['bianhao', 'code']]))).toEqual({
      code: 'BIANHAO',
    });
  });
});

describe('reading a row', () => {
  const mapping = {
    code: 'BH',
    landUseCode: 'YT',
    status: 'ZT',
    districtCode: 'XZQ',
    zone: 'YQ',
    contractedStartDate: 'KG',
    servicing: 'PT',
    plotRatio: 'RJL',
  } as const;

  it('reads Chinese labels, old codes and dates as they come', () => {
    const { values, problems } = mapRow(
      {
        BH: 'QJP-0001',
        YT: '0601',
        ZT: '闲置',
        XZQ: '320802',
        YQ: '淮安经济技术开发区',
        KG: '2021年3月5日',
        PT: '通路、通电，供水',
        RJL: '1.2',
      },
      mapping,
      references,
    );
    expect(values).toEqual({
      code: 'QJP-0001',
      landUseCode: '1001',
      status: 'idle',
      districtCode: '320812',
      zoneId: 1,
      contractedStartDate: '2021-03-05',
      servicing: ['road', 'power', 'water'],
      plotRatio: 1.2,
    });
    expect(problems.map((p) => [p.kind, p.severity])).toEqual([
      ['legacy_land_use', 'warning'],
      ['district_code_renamed', 'warning'],
    ]);
  });

  it('names each value it cannot read', () => {
    const { problems } = mapRow(
      {
        BH: 'Q',
        YT: '9999',
        ZT: '待定',
        XZQ: '999999',
        YQ: '无此园区',
        KG: '2021-02-30',
        PT: '通网',
        RJL: '-1',
      },
      mapping,
      references,
    );
    expect(problems.map((p) => [p.kind, p.field, p.value])).toEqual([
      ['invalid_code', 'code', 'Q'],
      ['unknown_land_use', 'landUseCode', '9999'],
      ['unknown_zone', 'zone', '无此园区'],
      ['unknown_district', 'districtCode', '999999'],
      ['unknown_status', 'status', '待定'],
      ['invalid_date', 'contractedStartDate', '2021-02-30'],
      ['out_of_range', 'plotRatio', '-1'],
      ['unknown_servicing', 'servicing', '通网'],
    ]);
  });

  it('takes an empty cell as no value: cleared where a plot may lack it', () => {
    const { values, problems } = mapRow(
      { BH: 'QJP-0002', YT: '1001', ZT: '', PT: null },
      mapping,
      references,
    );
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ code: 'QJP-0002', status: null, servicing: null });
  });
});
