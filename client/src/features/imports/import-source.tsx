// How the file is read: its coordinate system (and axis order) and its text encoding, each with
// how it was found; changing one reads and checks the file again.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, UpdateImportBody } from '../../api/import-types.ts';
import { crsNote, crsOptions, isGeographic } from './crs-label.ts';
import { crsSource, encodingSource } from './import-format.ts';

interface ImportSourceProps {
  detail: ImportDetail;
  onChange: (body: UpdateImportBody) => void;
}

export function ImportSource({ detail, onChange }: ImportSourceProps) {
  const { t, i18n } = useTranslation();
  const crs = detail.detection.crs;
  const options = useMemo(
    () => crsOptions(crs.candidates, t, i18n.language),
    [crs.candidates, t, i18n.language],
  );
  const fitting = options.filter((option) => option.candidate);
  const others = options.filter((option) => !option.candidate);
  const foundCrs = crsSource(crs.source);
  const encoding = detail.detection.encoding;
  const foundEncoding = encodingSource(encoding.source);
  return (
    <section className="imports__section" aria-labelledby="imports-source">
      <h3 id="imports-source" className="imports__title">
        {t('imports.crs.title')}
      </h3>
      <label className="field">
        <span>{t('imports.crs.label')}</span>
        <select
          name="srid"
          value={detail.srid ?? ''}
          onChange={(event) => {
            if (event.target.value) onChange({ srid: Number(event.target.value) });
          }}
        >
          {detail.srid === null && <option value="">{t('imports.crs.unknown')}</option>}
          {fitting.length > 0 && (
            <optgroup label={t('imports.crs.candidates')}>
              {fitting.map((option) => (
                <option key={option.srid} value={option.srid}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={t('imports.crs.all')}>
            {others.map((option) => (
              <option key={option.srid} value={option.srid}>
                {option.label}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <p className="imports__how" data-crs-source={crs.source}>
        {foundCrs ? t(`imports.crs.source.${foundCrs}`) : crs.source}
        {detail.choices.srid !== null && (
          <button type="button" className="link-button" onClick={() => onChange({ srid: null })}>
            {t('imports.crs.auto')}
          </button>
        )}
      </p>
      {crs.note && (
        <p className="imports__note" data-testid="crs-note">
          {crsNote(crs.note, t)}
        </p>
      )}
      {(isGeographic(detail.srid) || detail.swapAxes) && (
        <label className="imports__check">
          <input
            type="checkbox"
            name="swapAxes"
            checked={detail.swapAxes}
            onChange={(event) => onChange({ swapAxes: event.target.checked })}
          />
          <span>
            {t('imports.crs.swapAxes')}
            <small className="muted">{t('imports.crs.swapHint')}</small>
          </span>
        </label>
      )}

      <h3 className="imports__title">{t('imports.encoding.title')}</h3>
      <label className="field">
        <span>{t('imports.encoding.label')}</span>
        <select
          name="encoding"
          value={detail.encoding ?? encoding.encoding}
          onChange={(event) => onChange({ encoding: event.target.value === 'gbk' ? 'gbk' : 'utf-8' })}
        >
          <option value="utf-8">{t('imports.encoding.utf8')}</option>
          <option value="gbk">{t('imports.encoding.gbk')}</option>
        </select>
      </label>
      <p className="imports__how" data-encoding-source={encoding.source}>
        {foundEncoding
          ? t(`imports.encoding.source.${foundEncoding}`, { declared: encoding.declared ?? '—' })
          : encoding.source}
      </p>
      <p className="imports__hint muted">{t('imports.encoding.hint')}</p>
    </section>
  );
}
