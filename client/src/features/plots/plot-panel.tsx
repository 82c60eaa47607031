// The plot panel: a selected plot's public attributes (and occupant and grade when the server sends them),
// its actions, and its status history for those allowed to read it.
import { type CSSProperties, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlot, usePlotTimeline } from '../../api/queries.ts';
import type { BBox, DistrictCollection, PlotDetail, PlotTimeline, ZoneCollection } from '../../api/types.ts';
import { PLOT_STATUSES, type PlotStatus } from '../../api/types.ts';
import type { SignedInUser } from '../../api/workflow-types.ts';
import { PanelHeader } from '../../components/panel-header.tsx';
import { muToHectares, muToSquareMetres } from '../../geo/area.ts';
import { formatNumber } from '../../i18n/format.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { STATUS_COLORS } from '../../map/layer-styles.ts';
import { InquiryForm } from '../inquiries/inquiry-form.tsx';
import { PlotIndicators } from './plot-indicators.tsx';
import { PlotWork } from './plot-work.tsx';

interface PlotPanelProps {
  plotId: number;
  districts: DistrictCollection | undefined;
  zones: ZoneCollection | undefined;
  onClose: () => void;
  onZoomTo: (bbox: BBox) => void;
  /** The signed-in user, for the workflow actions their role allows. */
  user: SignedInUser | null;
}

const isStatus = (value: unknown): value is PlotStatus =>
  typeof value === 'string' && (PLOT_STATUSES as readonly string[]).includes(value);

function Timeline({ plotId }: { plotId: number }) {
  const { t, i18n } = useTranslation();
  const timeline = usePlotTimeline(plotId, true);
  const label = (state: PlotTimeline['items'][number]['after']) => {
    const status = state?.status;
    const type = state?.inefficiencyType;
    const parts = [
      isStatus(status) ? t(`status.${status}`) : status,
      type && isInefficiencyKey(type) ? t(`inefficiencyType.${type}`) : type,
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(' · ') : '—';
  };
  const describe = (item: PlotTimeline['items'][number]) => {
    switch (item.action) {
      case 'plot.recorded':
        return t('timeline.recorded', { status: label(item.after) });
      case 'plot.status_changed':
        return t('timeline.changed', { from: label(item.before), to: label(item.after) });
      case 'flag.created':
        return t('timeline.flagged', { to: label(item.after) });
      case 'flag.approved':
        return t('timeline.flagApproved');
      case 'flag.rejected':
        return t('timeline.flagRejected');
    }
  };
  const when = (at: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <>
      <h3 className="plot-panel__subtitle">{t('timeline.title')}</h3>
      {!timeline.data ? (
        <p className="muted">{timeline.error ? timeline.error.message : t('timeline.loading')}</p>
      ) : timeline.data.items.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {timeline.data.items.map((item) => {
            const status = item.after?.status;
            return (
              <li
                key={`${item.at}-${item.action}-${JSON.stringify(item.after)}`}
                className="timeline__item"
                data-action={item.action}
                style={
                  isStatus(status) ? ({ '--swatch': STATUS_COLORS[status] } as CSSProperties) : undefined
                }
              >
                <span className="timeline__when">
                  {when(item.at)}
                  {item.actor && ` · ${t('timeline.by', { actor: item.actor })}`}
                </span>
                {describe(item)}
                {item.note && <span className="timeline__note">{item.note}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

/** An investor's (or any visitor's) way to ask the zone about an available plot. */
function AskAbout({ plotId }: { plotId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return open ? (
    <InquiryForm target={{ targetType: 'plot', plotId }} onDone={() => setOpen(false)} />
  ) : (
    <button type="button" className="button button--primary plot-panel__ask" onClick={() => setOpen(true)}>
      {t('inquiryForm.open')}
    </button>
  );
}

function CopyLinkButton() {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true));
      }}
    >
      {copied ? t('actions.copied') : t('actions.copyLink')}
    </button>
  );
}

type InefficiencyKey = keyof typeof zhCN.inefficiencyType;
const isInefficiencyKey = (value: string): value is InefficiencyKey => value in zhCN.inefficiencyType;
type ServicingKey = keyof typeof zhCN.servicing;
const isServicingKey = (value: string): value is ServicingKey => value in zhCN.servicing;
type MeasureKey = keyof typeof zhCN.revitalization;
const isMeasureKey = (value: string): value is MeasureKey => value in zhCN.revitalization;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="attr-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function PlotPanel({ plotId, districts, zones, onClose, onZoomTo, user }: PlotPanelProps) {
  const { t, i18n } = useTranslation();
  const detail = usePlot(plotId);
  const plot: PlotDetail | undefined = detail.data;
  const english = i18n.language === 'en';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  if (!plot) {
    return (
      <aside className="panel plot-panel" aria-live="polite">
        <p className="plot-panel__loading">{detail.error ? detail.error.message : t('plot.loadingDetail')}</p>
      </aside>
    );
  }

  const districtName = english
    ? (plot.districtNameEn ??
      districts?.features.find((f) => f.properties.code === plot.districtCode)?.properties.nameEn ??
      plot.districtName)
    : plot.districtName;
  const zoneName =
    plot.zoneId === null
      ? t('plot.noZone')
      : english
        ? (plot.zoneNameEn ??
          zones?.features.find((f) => f.properties.id === plot.zoneId)?.properties.nameEn ??
          plot.zoneName)
        : plot.zoneName;
  const landUseName = english ? (plot.landUseNameEn ?? plot.landUseName) : plot.landUseName;
  const lang = i18n.language;
  const mu = t('unit.mu', { value: formatNumber(lang, plot.areaMu, 1) });
  const ha = t('unit.ha', { value: formatNumber(lang, muToHectares(plot.areaMu), 2) });
  const inefficiency = plot.inefficiencyType;

  return (
    <aside className="panel plot-panel" aria-labelledby="plot-panel-title" data-plot-id={plot.id}>
      <PanelHeader titleId="plot-panel-title" closeLabel={t('plot.close')} onClose={onClose}>
        {t('plot.title', { code: plot.code })}
      </PanelHeader>
      <div className="plot-panel__status">
        <span
          className="status-chip"
          data-status={plot.status}
          style={{ '--swatch': STATUS_COLORS[plot.status] } as CSSProperties}
        >
          {t(`status.${plot.status}`)}
        </span>
        {plot.isSample && <span className="badge badge--sample badge--small">{t('plot.sample')}</span>}
      </div>
      {/* Workflow actions (flag, reserve, inquire) join these as their features arrive. */}
      <fieldset className="plot-actions" aria-label={t('actions.title')}>
        <button type="button" className="button" onClick={() => onZoomTo(plot.bbox)}>
          {t('actions.zoomTo')}
        </button>
        <CopyLinkButton />
      </fieldset>
      {user && <PlotWork plot={plot} user={user} />}
      {(!user || user.role === 'investor') && plot.status === 'available' && <AskAbout plotId={plot.id} />}
      <dl className="attr-list">
        <Row label={t('plot.code')}>
          <span className="mono">{plot.code}</span>
        </Row>
        <Row label={t('plot.zone')}>{zoneName}</Row>
        <Row label={t('plot.district')}>{districtName}</Row>
        <Row label={t('plot.area')}>
          <span title={`${formatNumber(lang, muToSquareMetres(plot.areaMu))} m²`}>
            {mu} <span className="muted">({ha})</span>
          </span>
        </Row>
        <Row label={t('plot.landUse')}>
          <span className="mono muted">{plot.landUseCode}</span> {landUseName}
        </Row>
        <Row label={t('plot.status')}>{t(`status.${plot.status}`)}</Row>
        {plot.servicing.length > 0 && (
          <Row label={t('plot.servicing')}>
            {plot.servicing
              .map((item) => (isServicingKey(item) ? t(`servicing.${item}`) : item))
              .join(english ? ', ' : '、')}
          </Row>
        )}
        {plot.guidePrice !== null && (
          <Row label={t('plot.guidePrice')}>
            {t('plot.guidePriceValue', { value: formatNumber(lang, plot.guidePrice, 1) })}
          </Row>
        )}
        {plot.enterpriseName && <Row label={t('plot.enterprise')}>{plot.enterpriseName}</Row>}
        {inefficiency && (
          <Row label={t('plot.inefficiencyType')}>
            {isInefficiencyKey(inefficiency) ? t(`inefficiencyType.${inefficiency}`) : inefficiency}
          </Row>
        )}
      </dl>
      <PlotIndicators plot={plot} districtName={districtName} />
      {plot.revitalization && (
        <>
          <h3 className="plot-panel__subtitle">{t('plot.revitalization')}</h3>
          <dl className="attr-list">
            <Row label={t('plot.measure')}>
              {isMeasureKey(plot.revitalization.measure)
                ? t(`revitalization.${plot.revitalization.measure}`)
                : plot.revitalization.measure}
            </Row>
            <Row label={t('plot.responsibleUnit')}>{plot.revitalization.responsibleUnit}</Row>
            {plot.revitalization.targetDate && (
              <Row label={t('plot.targetDate')}>{plot.revitalization.targetDate}</Row>
            )}
            <Row label={t('plot.progress')}>
              {plot.revitalization.progressPct}% <span className="muted">{plot.revitalization.progress}</span>
            </Row>
          </dl>
        </>
      )}
      {/* Internal viewers get the indicators object (possibly empty); the public never does. */}
      {plot.indicators !== undefined && <Timeline plotId={plot.id} />}
    </aside>
  );
}
