// One import: its file, how it is read (CRS, encoding, mapping), what the check found, where the
// data lies (drawn on the map while it is a preview), and the commit or discard.
import type { Feature, FeatureCollection } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../api/import-types.ts';
import { useDistricts } from '../../api/queries.ts';
import type { BBox } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { IMPORT_ACTION_COLORS, type ImportAction } from '../../map/import-preview-layers.ts';
import { ImportActions } from './import-actions.tsx';
import { ImportError } from './import-error.tsx';
import { formatFileSize, formatWhen } from './import-format.ts';
import { ImportMapping } from './import-mapping.tsx';
import { ImportProblems } from './import-problems.tsx';
import { useImportDetail, useImportFeatures, useUpdateImport } from './import-queries.ts';
import { ImportSamples } from './import-samples.tsx';
import { ImportSource } from './import-source.tsx';

interface ImportPreviewProps {
  id: number;
  onBack: () => void;
  onShowArea: (bbox: BBox, maxZoom: number) => void;
  onPreview: (overlay: FeatureCollection | null) => void;
}

type Finished = { how: 'commit' | 'discard'; detail: ImportDetail };

export function ImportPreview({ id, onBack, onShowArea, onPreview }: ImportPreviewProps) {
  const { t, i18n } = useTranslation();
  const query = useImportDetail(id);
  const update = useUpdateImport(id);
  const detail = query.data;
  const isPreview = detail?.status === 'preview';
  const features = useImportFeatures(id, isPreview);
  const [place, setPlace] = useState<[number, number] | null>(null);
  const [finished, setFinished] = useState<Finished | null>(null);

  const overlay = useMemo<FeatureCollection | null>(() => {
    if (!isPreview || !features.data) return null;
    const marker: Feature[] = place
      ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: place } }]
      : [];
    return { type: 'FeatureCollection', features: [...features.data.features, ...marker] };
  }, [isPreview, features.data, place]);
  useEffect(() => {
    onPreview(overlay);
  }, [overlay, onPreview]);
  // Closing the preview (or the workbench) takes its outlines off the map.
  useEffect(() => () => onPreview(null), [onPreview]);

  const back = (
    <button type="button" className="link-button imports__back" onClick={onBack}>
      ← {t('imports.back')}
    </button>
  );
  if (!detail) {
    return (
      <div className="imports" data-testid="import-preview">
        {back}
        {query.isError ? (
          <ImportError error={query.error} stage="load" />
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </div>
    );
  }

  const busy = update.isPending;
  const number = (value: number) => formatNumber(i18n.language, value);
  const extent = detail.report.extent;
  const showPlace = (at: [number, number]) => {
    setPlace(at);
    onShowArea([at[0], at[1], at[0], at[1]], 16);
  };
  return (
    <div
      className="imports imports--preview"
      data-testid="import-preview"
      data-status={detail.status}
      data-import-id={detail.id}
      aria-busy={busy}
    >
      {back}
      <header className="imports__head">
        <h3 className="imports__file">{detail.filename}</h3>
        <span className={`state imports__state imports__state--${detail.status}`}>
          {t(`imports.status.${detail.status}`)}
        </span>
        <p className="work-item__meta muted">
          {t(`imports.format.${detail.format}`)}
          {detail.fileSize !== null && ` · ${formatFileSize(i18n.language, detail.fileSize)}`}
          {' · '}
          {t('imports.by', {
            who: detail.createdBy ?? '—',
            when: formatWhen(i18n.language, detail.createdAt),
          })}
        </p>
        {detail.detection.files.length > 0 && (
          <p className="work-item__meta muted">
            {t('imports.files', { files: detail.detection.files.join(', ') })}
          </p>
        )}
        {detail.detection.notes.map((note) => (
          <p key={note} className="imports__note">
            {t('imports.crs.note', { note })}
          </p>
        ))}
      </header>

      {finished && <FinishedNote finished={finished} />}
      {!finished && !isPreview && detail.finishedAt && (
        <p className="muted">
          {t('imports.commit.finished', {
            who: detail.finishedBy ?? '—',
            when: formatWhen(i18n.language, detail.finishedAt),
          })}
        </p>
      )}
      {busy && (
        <p className="imports__busy" role="status">
          <span className="imports__spinner" aria-hidden="true" />
          {t('imports.busy')}
        </p>
      )}
      {update.isError && <ImportError error={update.error} stage="update" />}

      <section className="imports__section" aria-labelledby="imports-counts">
        <h3 id="imports-counts" className="imports__title">
          {t('imports.counts.title')}
        </h3>
        <dl className="imports__counts" data-testid="import-counts">
          {(['rows', 'insert', 'update', 'skip', 'warnings'] as const).map((name) => (
            <div
              key={name}
              className={`imports__count imports__count--${name}`}
              data-count={name}
              data-value={detail.counts[name]}
            >
              <dt>{t(`imports.counts.${name}`)}</dt>
              <dd>{number(detail.counts[name])}</dd>
            </div>
          ))}
        </dl>
        {extent && detail.status !== 'discarded' && (
          <div className="work-item__actions">
            <button type="button" className="button" onClick={() => onShowArea(extent, 16)}>
              {t('imports.map.show')}
            </button>
            {isPreview && <MapKey />}
          </div>
        )}
      </section>

      <fieldset className="imports__fieldset" disabled={busy || !isPreview}>
        <ImportSource detail={detail} onChange={(body) => update.mutate(body)} />
      </fieldset>
      <ImportProblems detail={detail} onShowPlace={showPlace} />
      <fieldset className="imports__fieldset" disabled={busy || !isPreview}>
        <ImportMapping detail={detail} onChange={(body) => update.mutate(body)} />
      </fieldset>
      <ImportSamples detail={detail} />
      <ImportDistricts detail={detail} />
      {isPreview && (
        <ImportActions
          detail={detail}
          busy={busy}
          onFinished={(how, result) => setFinished({ how, detail: result })}
        />
      )}
    </div>
  );
}

function FinishedNote({ finished }: { finished: Finished }) {
  const { t, i18n } = useTranslation();
  // The outcome shows at the top of the preview, which may be scrolled far down to the buttons.
  const note = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Not returned: newer browsers answer scrollIntoView with a promise, which is no effect cleanup.
    void note.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const number = (value: number) => formatNumber(i18n.language, value);
  const { counts } = finished.detail;
  return (
    <div className="imports__done" role="status" data-testid="import-done" data-how={finished.how} ref={note}>
      {finished.how === 'commit' ? (
        <>
          <p>
            <strong>
              {t('imports.commit.done', {
                insert: number(counts.insert),
                update: number(counts.update),
                skip: number(counts.skip),
              })}
            </strong>
          </p>
          <p>{t('imports.commit.doneHint')}</p>
        </>
      ) : (
        <p>
          <strong>{t('imports.discard.done')}</strong>
        </p>
      )}
    </div>
  );
}

/** What the overlay's colours mean. */
function MapKey() {
  const { t } = useTranslation();
  const actions: ImportAction[] = ['insert', 'update', 'skip'];
  return (
    <span className="imports__key muted">
      {t('imports.map.legend')}
      {actions.map((action) => (
        <span key={action} className="imports__key-item">
          <span
            className={`imports__swatch imports__swatch--${action}`}
            style={{ borderColor: IMPORT_ACTION_COLORS[action] }}
            aria-hidden="true"
          />
          {t(`imports.map.${action}`)}
        </span>
      ))}
    </span>
  );
}

function ImportDistricts({ detail }: { detail: ImportDetail }) {
  const { t, i18n } = useTranslation();
  const districts = useDistricts();
  const english = i18n.language === 'en';
  if (detail.report.districts.length === 0) return null;
  const nameOf = (code: string) => {
    const district = districts.data?.features.find((feature) => feature.properties.code === code);
    return district ? (english ? district.properties.nameEn : district.properties.name) : code;
  };
  return (
    <section className="imports__section" aria-labelledby="imports-districts">
      <h3 id="imports-districts" className="imports__title">
        {t('imports.districts.title')}
      </h3>
      <ul className="imports__districts">
        {detail.report.districts.map((district) => (
          <li key={district.code} data-district={district.code}>
            <span>{nameOf(district.code)}</span>{' '}
            <span className="muted">
              {t('imports.districts.count', { value: formatNumber(i18n.language, district.count) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
