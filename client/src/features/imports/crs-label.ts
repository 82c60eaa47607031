// Coordinate systems of an import in the user's language: option labels for the CRS select (the
// candidates first, then every supported system) and the server's notes about a .prj.
import type { TFunction } from 'i18next';
import { describeSrid, SUPPORTED_SRIDS } from '../../../../server/src/imports/crs.ts';
import type { ImportDetail } from '../../api/import-types.ts';
import { formatNumber } from '../../i18n/format.ts';

/** Whether a system is in degrees (where a file may have latitude first). */
export function isGeographic(srid: number | null): boolean {
  return srid !== null && describeSrid(srid)?.projected === false;
}

/** A system's name in the user's language, from the server's description of it. */
export function crsName(srid: number, t: TFunction): string {
  if (srid === 4326) return t('imports.crs.wgs84');
  if (srid === 4490) return t('imports.crs.cgcs2000');
  if (srid === 3857) return t('imports.crs.webMercator');
  const name = describeSrid(srid)?.name;
  if (!name) return `EPSG:${srid}`;
  const [, zone3 = '', cm3Zone = ''] = /3-degree Gauss-Kruger zone (\d+) \(CM (\d+)E\)/.exec(name) ?? [];
  if (zone3) return t('imports.crs.gk3Zone', { zone: zone3, cm: cm3Zone });
  const [, cm3 = ''] = /3-degree Gauss-Kruger CM (\d+)E/.exec(name) ?? [];
  if (cm3) return t('imports.crs.gk3', { cm: cm3 });
  const [, zone6 = '', cm6Zone = ''] = /Gauss-Kruger zone (\d+) \(CM (\d+)E\)/.exec(name) ?? [];
  if (zone6) return t('imports.crs.gk6Zone', { zone: zone6, cm: cm6Zone });
  const [, cm6 = ''] = /Gauss-Kruger CM (\d+)E/.exec(name) ?? [];
  if (cm6) return t('imports.crs.gk6', { cm: cm6 });
  return name;
}

export interface CrsOption {
  srid: number;
  label: string;
  /** One of the systems the coordinates fit. */
  candidate: boolean;
}

/** The CRS select's options: the systems the coordinates fit, nearest the city first, then all others. */
export function crsOptions(
  candidates: ImportDetail['detection']['crs']['candidates'],
  t: TFunction,
  language: string,
): CrsOption[] {
  const fitting: CrsOption[] = candidates.map((candidate) => ({
    srid: candidate.srid,
    candidate: true,
    label:
      candidate.distanceKm === null
        ? t('imports.crs.option', { srid: candidate.srid, name: crsName(candidate.srid, t) })
        : candidate.distanceKm === 0
          ? t('imports.crs.optionInside', { srid: candidate.srid, name: crsName(candidate.srid, t) })
          : t('imports.crs.optionDistance', {
              srid: candidate.srid,
              name: crsName(candidate.srid, t),
              km: formatNumber(language, candidate.distanceKm, candidate.distanceKm < 10 ? 1 : 0),
            }),
  }));
  const listed = new Set(candidates.map((candidate) => candidate.srid));
  const others = SUPPORTED_SRIDS.filter((srid) => !listed.has(srid)).map((srid) => ({
    srid,
    candidate: false,
    label: t('imports.crs.option', { srid, name: crsName(srid, t) }),
  }));
  return [...fitting, ...others];
}

/** What the server noted about the file's CRS, in the user's language when it is a note we know. */
export function crsNote(note: string, t: TFunction): string {
  const [, stated = ''] =
    /the file says EPSG:(\d+), but its coordinates do not fit that system/.exec(note) ?? [];
  if (stated) return t('imports.crs.noteMismatch', { srid: stated });
  const named = /^(.*?): (.*)$/.exec(note);
  const name = named?.[1] ?? '';
  const reason = named?.[2] ?? note;
  if (/Xi'an 1980 and Beijing 1954/.test(reason)) return t('imports.crs.noteLocalDatum', { name });
  if (/unknown datum/.test(reason)) return t('imports.crs.noteUnknownDatum', { name });
  if (/projection outside the CGCS2000/.test(reason)) return t('imports.crs.noteProjection', { name });
  if (/not one of the supported systems/.test(reason)) return t('imports.crs.noteUnsupported', { name });
  return t('imports.crs.note', { note });
}
