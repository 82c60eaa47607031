// Control-line compliance (控制线合规) in the workbench: the industrial share of each line and of
// each district against the configured minimums, the plots that break the rules (a click opens
// the plot), and the list as CSV or Excel.
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ComplianceListParams } from '../../api/client.ts';
import { queryKeys, useDistricts, useZones } from '../../api/queries.ts';
import type { SignedInUser } from '../../api/workflow-types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { formatShare, shortfallMu, type Verdict, verdictOf } from './compliance-format.ts';
import './compliance.css';

const PAGE_SIZE = 50;
const KINDS = ['industrial_outside', 'nonindustrial_in_core'] as const;
type Kind = (typeof KINDS)[number];

interface CompliancePanelProps {
  user: SignedInUser;
  onShowPlot: (plotId: number) => void;
}

export function CompliancePanel({ user, onShowPlot }: CompliancePanelProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const districts = useDistricts();
  const zones = useZones();
  const [districtCode, setDistrictCode] = useState('');
  const [zoneId, setZoneId] = useState<number | null>(null);
  const [kind, setKind] = useState<Kind>('industrial_outside');
  const [offset, setOffset] = useState(0);
  const summary = useQuery({
    queryKey: [...queryKeys.work, 'compliance', 'summary', districtCode],
    queryFn: ({ signal }) => api.complianceSummary(districtCode ? { districtCode } : {}, signal),
    placeholderData: (previous) => previous,
  });
  const params: ComplianceListParams = {
    kind,
    ...(districtCode ? { districtCode } : {}),
    ...(zoneId !== null ? { zoneId } : {}),
  };
  const list = useQuery({
    queryKey: [...queryKeys.work, 'compliance', 'plots', params, offset],
    queryFn: ({ signal }) => api.compliancePlots({ ...params, limit: PAGE_SIZE, offset }, signal),
    placeholderData: (previous) => previous,
  });
  const mu = (value: number) => t('unit.mu', { value: formatNumber(i18n.language, value, 1) });
  const share = (value: number | null) => formatShare(i18n.language, value);
  const allZones = zones.data?.features.map((zone) => zone.properties) ?? [];
  const zoneChoices = allZones.filter(
    (zone) =>
      (user.role !== 'zone_manager' || user.zoneIds.includes(zone.id)) &&
      (!districtCode || zone.districtCode === districtCode),
  );
  const rules = summary.data?.rules;
  const total = list.data?.total ?? 0;
  const lang = english ? 'en' : 'zh-CN';

  return (
    <div className="compliance" data-testid="compliance">
      <div className="work-item__actions">
        <label className="compliance__field">
          <span>{t('compliance.district')}</span>
          <select
            className="state-select"
            value={districtCode}
            onChange={(event) => {
              setDistrictCode(event.target.value);
              setZoneId(null);
              setOffset(0);
            }}
          >
            <option value="">{t('compliance.allDistricts')}</option>
            {districts.data?.features.map((district) => (
              <option key={district.properties.code} value={district.properties.code}>
                {english ? district.properties.nameEn : district.properties.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rules && (
        <p className="compliance__rules muted">
          {t('compliance.rules', {
            core: share(rules.minIndustrialShareCore),
            transitional: share(rules.minIndustrialShareTransitional),
            district: share(rules.minIndustrialShareDistrict),
            inside: share(rules.minDistrictIndustrialInsideShare),
            plot: share(rules.mostlyInsideShare),
          })}
        </p>
      )}
      {summary.error && <p className="inline-error">{summary.error.message}</p>}
      {summary.isPending && <p className="muted">{t('app.loading')}</p>}

      <h3 className="compliance__title">{t('compliance.lines')}</h3>
      {summary.data && summary.data.lines.length === 0 && <p className="muted">{t('compliance.noLines')}</p>}
      {summary.data && summary.data.lines.length > 0 && (
        <div className="compliance__scroll">
          <table className="compliance-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.col.line')}</th>
                <th scope="col" className="number">
                  {t('compliance.col.area')}
                </th>
                <th scope="col" className="number">
                  {t('compliance.col.share')}
                </th>
                <th scope="col">{t('compliance.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.data.lines.map((line) => {
                const missing = shortfallMu(line.industrialAreaMu, line.areaMu, line.minimum);
                return (
                  <tr key={line.id} data-line={line.code} data-pass={line.pass}>
                    <td>
                      <span className={`compliance-level compliance-level--${line.level}`}>
                        {t(`compliance.level.${line.level}`)}
                      </span>{' '}
                      {line.name}
                    </td>
                    <td className="number">{mu(line.areaMu)}</td>
                    <td className="number">
                      {share(line.industrialShare)}
                      <small className="compliance__minimum">
                        {t('compliance.minimum', { value: share(line.minimum) })}
                      </small>
                    </td>
                    <td>
                      <VerdictBadge verdict={verdictOf(line.pass)} />
                      {missing > 0 && (
                        <small className="compliance__minimum">
                          {t('compliance.shortfall', { area: mu(missing) })}
                        </small>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="compliance__title">{t('compliance.districts')}</h3>
      {summary.data && (
        <div className="compliance__scroll">
          <table className="compliance-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.col.district')}</th>
                <th scope="col" className="number">
                  {t('compliance.col.lineShare')}
                </th>
                <th scope="col" className="number">
                  {t('compliance.col.insideShare')}
                </th>
                <th scope="col" className="number">
                  {t('compliance.col.breaches')}
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.data.districts.map((district) => (
                <tr key={district.code} data-district={district.code}>
                  <td>{english ? district.nameEn : district.name}</td>
                  <td className="number">
                    <Figure verdict={verdictOf(district.pass)}>{share(district.industrialShare)}</Figure>
                    <small className="compliance__minimum">
                      {t('compliance.ofArea', { area: mu(district.lineAreaMu) })}
                    </small>
                  </td>
                  <td className="number">
                    <Figure verdict={verdictOf(district.insidePass)}>{share(district.insideShare)}</Figure>
                    <small className="compliance__minimum">
                      {t('compliance.ofArea', { area: mu(district.industrialAreaMu) })}
                    </small>
                  </td>
                  <td className="number">
                    {formatNumber(
                      i18n.language,
                      district.industrialOutside.count + district.nonindustrialInCore.count,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="compliance__rules muted">
            {t('compliance.minimums', {
              district: share(rules?.minIndustrialShareDistrict ?? null),
              inside: share(rules?.minDistrictIndustrialInsideShare ?? null),
            })}
          </p>
        </div>
      )}

      <h3 className="compliance__title">{t('compliance.breaches')}</h3>
      <div className="workbench__tabs" role="tablist" aria-label={t('compliance.breaches')}>
        {KINDS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={kind === name}
            className="workbench__tab"
            data-kind={name}
            onClick={() => {
              setKind(name);
              setOffset(0);
            }}
          >
            {t(`compliance.class.${name}`)}
          </button>
        ))}
      </div>
      <div className="work-item__actions">
        <label className="compliance__field">
          <span>{t('compliance.zone')}</span>
          <select
            className="state-select"
            value={zoneId ?? ''}
            onChange={(event) => {
              setZoneId(event.target.value ? Number(event.target.value) : null);
              setOffset(0);
            }}
          >
            <option value="">
              {user.role === 'zone_manager' ? t('compliance.ownZones') : t('compliance.allZones')}
            </option>
            {zoneChoices.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {english ? zone.nameEn : zone.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="work-item__actions">
        <a className="button" href={api.complianceExportUrl('csv', params, lang)} download>
          {t('compliance.downloadCsv')}
        </a>
        <a className="button" href={api.complianceExportUrl('xlsx', params, lang)} download>
          {t('compliance.downloadXlsx')}
        </a>
      </div>
      {list.error && <p className="inline-error">{list.error.message}</p>}
      {list.data && (
        <p className="compliance__total" data-total={total}>
          {t('compliance.total', {
            plots: formatNumber(i18n.language, total),
            area: mu(list.data.totalAreaMu),
          })}
        </p>
      )}
      {list.data && total === 0 && <p className="muted">{t('compliance.empty')}</p>}
      <ul className="work-list">
        {list.data?.items.map((plot) => (
          <li key={plot.id} className="work-item" data-plot-id={plot.id}>
            <div className="work-item__head">
              <button type="button" className="link-button mono" onClick={() => onShowPlot(plot.id)}>
                {plot.code}
              </button>
              <strong>{mu(plot.areaMu)}</strong>
              <span className="muted">{english ? plot.landUseNameEn : plot.landUseName}</span>
              {plot.isSample && <span className="state">{t('compliance.sample')}</span>}
            </div>
            <p className="work-item__line">
              {[english ? plot.zoneNameEn : plot.zoneName, english ? plot.districtNameEn : plot.districtName]
                .filter(Boolean)
                .join(' · ')}
              {plot.enterpriseName && ` · ${plot.enterpriseName}`}
            </p>
            <p className="work-item__meta muted">
              {t('compliance.shares', { line: share(plot.lineShare), core: share(plot.coreShare) })}
            </p>
          </li>
        ))}
      </ul>
      {total > PAGE_SIZE && (
        <div className="work-item__actions">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('table.prev')}
          </button>
          <span className="muted">
            {formatNumber(i18n.language, offset + 1)}–
            {formatNumber(i18n.language, Math.min(total, offset + PAGE_SIZE))} /{' '}
            {formatNumber(i18n.language, total)}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('table.next')}
          </button>
        </div>
      )}
    </div>
  );
}

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return (
    <span className={`compliance-verdict compliance-verdict--${verdict}`}>
      {t(`compliance.verdict.${verdict}`)}
    </span>
  );
}

/** A figure coloured by its verdict, with the verdict spelled out for screen readers and on hover. */
function Figure({ verdict, children }: { verdict: Verdict; children: ReactNode }) {
  const { t } = useTranslation();
  const label = t(`compliance.verdict.${verdict}`);
  return (
    <span className={`compliance-figure compliance-figure--${verdict}`} title={label}>
      {children}
      <span className="visually-hidden"> ({label})</span>
    </span>
  );
}
