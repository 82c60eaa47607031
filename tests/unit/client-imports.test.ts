// The import screen's pure helpers: problems and CRS notes in the user's language, the CRS select,
// errors that say what to do next, the upload request, and the hatching of skipped rows.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken } from '../../client/src/api/client.ts';
import type { ImportProblem } from '../../client/src/api/import-types.ts';
import { crsName, crsNote, crsOptions, isGeographic } from '../../client/src/features/imports/crs-label.ts';
import { importErrorText } from '../../client/src/features/imports/import-errors.ts';
import { formatFileSize } from '../../client/src/features/imports/import-format.ts';
import {
  PROBLEM_KINDS,
  parseGeometryDetail,
  problemMessage,
  problemTitle,
} from '../../client/src/features/imports/problem-message.ts';
import { en } from '../../client/src/i18n/en.ts';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { hatchImage } from '../../client/src/map/import-preview-layers.ts';
import { SUPPORTED_SRIDS } from '../../server/src/imports/crs.ts';

let zh: TFunction;
let english: TFunction;

beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  zh = i18n.getFixedT('zh-CN');
  english = i18n.getFixedT('en');
});

const say = (problem: ImportProblem, language: 'zh-CN' | 'en' = 'zh-CN') =>
  problemMessage(problem, {
    t: language === 'en' ? english : zh,
    language,
    districtName: (code) => ({ '320812': language === 'en' ? 'Qingjiangpu' : '清江浦区' })[code],
  });

describe('import problems in the user’s language', () => {
  it('explains a self-intersection with PostGIS’s place, in both languages', () => {
    const bowTie: ImportProblem = {
      kind: 'invalid_geometry',
      severity: 'error',
      detail: 'Self-intersection at 119.001 33.5107',
      location: [119.001, 33.5107],
    };
    expect(say(bowTie)).toBe(
      '图形无效：边界自相交（源坐标 119.001 33.5107 处）。请在 GIS 软件中修复这条边界后重新上传，或跳过此行。',
    );
    expect(say(bowTie, 'en')).toBe(
      'Invalid outline: the boundary crosses itself at 119.001 33.5107 (source coordinates). Repair the boundary in your GIS and upload again, or skip this row.',
    );
  });

  it('reads both ways PostGIS writes a place, and keeps a reason it does not know as it came', () => {
    expect(parseGeometryDetail('Self-intersection at 40512345.678 3712345.5')).toEqual({
      reason: 'Self-intersection',
      at: '40512345.678 3712345.5',
    });
    expect(parseGeometryDetail('Ring Self-intersection[119.5 33.6]')).toEqual({
      reason: 'Ring Self-intersection',
      at: '119.5 33.6',
    });
    expect(
      say(
        { kind: 'invalid_geometry', severity: 'error', detail: 'WKT: expected a number near "POLYGON((1"' },
        'en',
      ),
    ).toBe(
      'Invalid outline: WKT: expected a number near "POLYGON((1". Repair the boundary in your GIS and upload again, or skip this row.',
    );
  });

  it('names the plot attribute and the value at fault, and what to do', () => {
    expect(say({ kind: 'invalid_number', severity: 'error', field: 'taxPerMu', value: '约12' })).toBe(
      '亩均税收（万元/亩）“约12”不是数字：请填写数字（可带小数）。',
    );
    expect(
      say(
        { kind: 'duplicate_code', severity: 'error', field: 'code', value: 'IMP-BAD-0003', detail: '3, 4' },
        'en',
      ),
    ).toBe(
      'Code IMP-BAD-0003 appears more than once in the file (rows 3, 4): keep one row, or correct the codes.',
    );
    expect(say({ kind: 'not_polygon', severity: 'error', detail: 'LineString' })).toBe(
      '图形是 LineString，不是面：地块边界必须是面（多边形）。',
    );
  });

  it('gives districts their names and areas their digits', () => {
    expect(
      say(
        {
          kind: 'district_mismatch',
          severity: 'warning',
          field: 'districtCode',
          value: '320803',
          detail: '320812',
        },
        'en',
      ),
    ).toBe(
      'The district given, 320803, differs from where the outline lies, Qingjiangpu (320812): imported as given; please check.',
    );
    expect(say({ kind: 'area_mismatch', severity: 'warning', value: '40', detail: '43.2567' }, 'en')).toMatch(
      /^The outline measures 43\.26 mu, more than 1% off the declared 40 mu/,
    );
  });

  it('has a title and a sentence for every kind in both languages, and shows an unknown kind as it came', () => {
    for (const kind of PROBLEM_KINDS) {
      for (const t of [zh, english]) {
        expect(problemTitle(kind, t), kind).not.toContain('imports.');
        expect(say({ kind, severity: 'error', field: 'code', value: 'x', detail: '1' }), kind).not.toContain(
          'imports.',
        );
      }
    }
    expect(problemTitle('new_kind', zh)).toBe('new_kind');
    expect(say({ kind: 'new_kind', severity: 'error', detail: 'what the server said' })).toBe(
      'new_kind：what the server said',
    );
  });

  it('knows every kind of problem the server reports', async () => {
    const folder = path.resolve(import.meta.dirname, '../../server/src/imports');
    const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.ts'));
    const kinds = new Set<string>();
    for (const file of files) {
      const text = await readFile(path.join(folder, file), 'utf8');
      const patterns = [
        /kind: '([a-z_]+)',\s*severity/g,
        /\b(?:error|warning)\('([a-z_]+)'/g,
        /refuse\('([a-z_]+)'/g,
      ];
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) kinds.add(match[1]!);
    }
    expect(kinds.size).toBeGreaterThan(20);
    expect([...kinds].filter((kind) => !(PROBLEM_KINDS as readonly string[]).includes(kind))).toEqual([]);
  });
});

describe('the coordinate systems offered', () => {
  it('names the Gauss-Krüger zones in the user’s language', () => {
    expect(crsName(4528, zh)).toBe('CGCS2000 3 度带第 40 带（中央经线 120°E，坐标含带号）');
    expect(crsName(4549, english)).toBe('CGCS2000 3-degree (CM 120°E)');
    expect(crsName(4499, english)).toBe('CGCS2000 6-degree zone 21 (CM 123°E, zone-prefixed)');
    expect(crsName(4490, zh)).toBe('CGCS2000 经纬度');
    expect(isGeographic(4490)).toBe(true);
    expect(isGeographic(4528)).toBe(false);
    expect(isGeographic(null)).toBe(false);
  });

  it('lists the systems the coordinates fit first, nearest the city first, then every other once', () => {
    const options = crsOptions(
      [
        { srid: 4549, name: 'x', distanceKm: 0 },
        { srid: 4548, name: 'x', distanceKm: 251.37 },
        { srid: 4550, name: 'x', distanceKm: 3.14 },
      ],
      english,
      'en',
    );
    expect(options.slice(0, 3).map((option) => [option.srid, option.candidate, option.label])).toEqual([
      [4549, true, 'EPSG:4549 · CGCS2000 3-degree (CM 120°E) · lands in the city'],
      [4548, true, 'EPSG:4548 · CGCS2000 3-degree (CM 117°E) · 251 km from the city'],
      [4550, true, 'EPSG:4550 · CGCS2000 3-degree (CM 123°E) · 3.1 km from the city'],
    ]);
    expect(options.map((option) => option.srid).sort()).toEqual([...SUPPORTED_SRIDS].sort());
    expect(options.slice(3).every((option) => !option.candidate)).toBe(true);
  });

  it('translates what the server noted about a .prj, and passes on a note it does not know', () => {
    expect(crsNote('the file says EPSG:4528, but its coordinates do not fit that system', zh)).toBe(
      '文件声明为 EPSG:4528，但坐标与该坐标系不符：请确认坐标系。',
    );
    expect(
      crsNote(
        "Xian_1980_3_Degree_GK_Zone_40: Xi'an 1980 and Beijing 1954 data need a local datum conversion; convert it to CGCS2000 first",
        english,
      ),
    ).toMatch(
      /^Xian_1980_3_Degree_GK_Zone_40: Xi’an 1980 and Beijing 1954 data need local conversion parameters/,
    );
    expect(crsNote('something new', english)).toBe('The file says: something new');
  });
});

describe('import errors', () => {
  it('says what failed and what to do next, with the server’s words underneath', () => {
    const tooLarge = importErrorText(
      new ApiError(
        413,
        'the file is larger than the upload limit of 50 MB (IMPORT_MAX_MB); split it into several files',
      ),
      'upload',
      zh,
    );
    expect(tooLarge).toEqual({
      lead: '无法导入此文件。',
      next: '文件超过上传上限：请拆分为几个较小的文件再上传。',
      detail:
        '服务器说明：the file is larger than the upload limit of 50 MB (IMPORT_MAX_MB); split it into several files',
    });
    expect(importErrorText(new ApiError(415, 'send a zipped Shapefile'), 'upload', english).next).toMatch(
      /^This kind of file is not accepted/,
    );
    expect(importErrorText(new ApiError(400, 'not valid JSON'), 'upload', english).next).toBe(
      'Correct the file as explained below and upload it again.',
    );
  });

  it('tells a refused commit (rows with errors, data changed) from an import already finished', () => {
    const refused = importErrorText(
      new ApiError(
        409,
        '7 of 8 rows have errors; correct the file, or commit with skipInvalid to leave those rows out',
      ),
      'commit',
      english,
    );
    expect(refused.next).toMatch(/^The data changed since the preview, or rows still have errors/);
    const finished = importErrorText(
      new ApiError(409, 'import 12 is already discarded; upload the file again to import it anew'),
      'commit',
      english,
    );
    expect(finished.next).toMatch(/^This import is no longer waiting to be confirmed/);
  });

  it('asks to check the connection when the server never answered', () => {
    expect(importErrorText(new TypeError('Failed to fetch'), 'update', zh)).toEqual({
      lead: '未能更新预览。',
      next: '无法连接服务器：请检查网络后重试。',
      detail: null,
    });
  });
});

describe('uploading a file', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('sends it as multipart form data in the field "file", with the CRSF token and no JSON content type', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return url === '/api/auth/me'
        ? new Response(JSON.stringify({ user: { id: 2 }, csrfToken: 'token-9' }))
        : new Response(JSON.stringify({ id: 41, status: 'preview' }), { status: 201 });
    });
    const file = new File(['{"type":"FeatureCollection","features":[]}'], '调查.geojson');
    await expect(api.uploadImport(file)).resolves.toEqual({ id: 41, status: 'preview' });
    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'GET /api/auth/me',
      'POST /api/imports',
    ]);
    const upload = calls[1]!.init;
    expect(upload.headers).toEqual({ accept: 'application/json', 'x-csrf-token': 'token-9' });
    const body = upload.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('调查.geojson');
  });

  it('reports the server’s refusal as an ApiError with its status', async () => {
    setCsrfToken('token-1');
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({ statusCode: 413, message: 'the file is larger than the upload limit' }),
          {
            status: 413,
          },
        ),
    );
    const error = await api.uploadImport(new File(['x'], 'big.zip')).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 413, message: 'the file is larger than the upload limit' });
  });
});

describe('small things of the import screen', () => {
  it('hatches skipped rows with opaque red stripes that tile seamlessly', () => {
    const { width, height, data } = hatchImage(8);
    expect([width, height, data.length]).toEqual([8, 8, 256]);
    const alpha = (x: number, y: number) => data[(y * 8 + x) * 4 + 3];
    expect([alpha(0, 0), alpha(7, 1), alpha(3, 4)]).toEqual([255, 255, 40]);
    // Diagonal stripes: one step right and one up is the same pixel, across the tile's edges too.
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) expect(alpha((x + 1) % 8, (y + 7) % 8)).toBe(alpha(x, y));
    }
  });

  it('writes file sizes as a person would', () => {
    expect(formatFileSize('en', 3_584)).toBe('3.5 KB');
    expect(formatFileSize('zh-CN', 50 * 1024 * 1024)).toBe('50 MB');
  });
});
