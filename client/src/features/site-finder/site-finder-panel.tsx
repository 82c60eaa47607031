// The site finder (选址): a project's land demand in, ranked candidate sites out, each with the
// reasons for its rank, an outline on the map and — for planners — a one-step reservation.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type {
  DistrictCollection,
  SiteCandidate,
  SiteSearchBody,
  SiteSearchResult,
  ZoneCollection,
} from '../../api/types.ts';
import type { SignedInUser } from '../../api/workflow-types.ts';
import { PanelHeader } from '../../components/panel-header.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { ReserveForm } from '../plots/plot-work.tsx';

interface SiteFinderPanelProps {
  user: SignedInUser | null;
  zones: ZoneCollection | undefined;
  districts: DistrictCollection | undefined;
  /** The sites found (null before a search), for the map to outline. */
  onResult: (result: SiteSearchResult | null) => void;
  selectedRank: number | null;
  onSelect: (candidate: SiteCandidate) => void;
  onClose: () => void;
}

const percent = (lang: string, share: number) => `${formatNumber(lang, share * 100, 0)}%`;

export function SiteFinderPanel({
  user,
  zones,
  districts,
  onResult,
  selectedRank,
  onSelect,
  onClose,
}: SiteFinderPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const english = lang === 'en';
  const planner = user?.role === 'planner' || user?.role === 'admin';
  const internal = planner || user?.role === 'zone_manager';
  const [reservingRank, setReservingRank] = useState<number | null>(null);
  // Every zone's leading industries once, by name (what the search matches), labelled in the UI's language.
  const industries = useMemo(() => {
    const labels = new Map<string, string>();
    for (const { properties: zone } of zones?.features ?? [])
      for (const [i, name] of zone.industries.entries())
        labels.set(name, (english && zone.industriesEn[i]) || name);
    return [...labels]
      .map(([name, label]) => ({ name, label }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
  }, [zones, english, lang]);
  const search = useMutation({
    mutationFn: (body: SiteSearchBody) => api.siteSearch(body),
    onSuccess: (result) => {
      setReservingRank(null);
      onResult(result);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const body: SiteSearchBody = { demandMu: Number(text('demandMu')) };
    if (text('zoneId')) body.zoneIds = [Number(text('zoneId'))];
    if (text('districtCode')) body.districtCodes = [text('districtCode')];
    if (text('industry')) body.industry = text('industry');
    const line = text('line');
    if (line === 'core' || line === 'any') body.insideControlLine = line;
    if (text('maxPlots')) body.maxPlots = Number(text('maxPlots'));
    if (internal) body.includeRevitalizing = form.get('includeRevitalizing') === 'on';
    search.mutate(body);
  };
  const result = search.data;
  return (
    <aside className="panel site-finder" aria-labelledby="site-finder-title" data-testid="site-finder">
      <PanelHeader titleId="site-finder-title" closeLabel={t('sites.close')} onClose={onClose}>
        {t('sites.title')}
      </PanelHeader>
      <p className="muted site-finder__intro">{t('sites.intro')}</p>
      {!internal && <p className="muted">{t('sites.publicNote')}</p>}
      <form className="site-finder__form" onSubmit={onSubmit}>
        <label className="field">
          <span>{t('sites.demand')}</span>
          <input name="demandMu" type="number" min="1" max="100000" step="any" defaultValue="600" required />
        </label>
        <label className="field">
          <span>{t('sites.zone')}</span>
          <select name="zoneId" defaultValue="">
            <option value="">{t('sites.any')}</option>
            {zones?.features.map((zone) => (
              <option key={zone.properties.id} value={zone.properties.id}>
                {english ? zone.properties.nameEn : zone.properties.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sites.district')}</span>
          <select name="districtCode" defaultValue="">
            <option value="">{t('sites.any')}</option>
            {districts?.features.map((district) => (
              <option key={district.properties.code} value={district.properties.code}>
                {english ? district.properties.nameEn : district.properties.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sites.industry')}</span>
          <select name="industry" defaultValue="">
            <option value="">{t('sites.any')}</option>
            {industries.map(({ name, label }) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sites.line')}</span>
          <select name="line" defaultValue="">
            <option value="">{t('sites.any')}</option>
            <option value="any">{t('sites.lineAny')}</option>
            <option value="core">{t('sites.lineCore')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('sites.maxPlots')}</span>
          <input name="maxPlots" type="number" min="1" max="500" step="1" placeholder={t('sites.any')} />
        </label>
        {internal && (
          <label className="checkbox">
            <input name="includeRevitalizing" type="checkbox" defaultChecked />
            <span>{t('sites.includeRevitalizing')}</span>
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={search.isPending}>
          {search.isPending ? t('sites.searching') : t('sites.search')}
        </button>
      </form>
      {search.error && (
        <p className="inline-error" role="alert">
          {search.error.message}
        </p>
      )}
      {result && (
        <div aria-live="polite">
          <p className="site-finder__summary" data-count={result.candidates.length}>
            {result.candidates.length === 0
              ? t('sites.none')
              : t('sites.found', {
                  count: result.candidates.length,
                  plots: formatNumber(lang, result.searchedPlots),
                })}
          </p>
          <ol className="site-finder__list">
            {result.candidates.map((candidate) => {
              const r = candidate.reasons;
              const selected = candidate.rank === selectedRank;
              return (
                <li
                  key={candidate.rank}
                  className={`site-finder__item${selected ? ' site-finder__item--selected' : ''}`}
                  data-rank={candidate.rank}
                >
                  <button type="button" className="site-finder__pick" onClick={() => onSelect(candidate)}>
                    <span className="site-finder__rank" aria-hidden="true">
                      {candidate.rank}
                    </span>
                    <span className="site-finder__head">
                      <strong>{t('sites.rank', { rank: candidate.rank })}</strong>
                      <span>
                        {t('unit.mu', { value: formatNumber(lang, candidate.areaMu, 1) })} ·{' '}
                        {t('sites.plots', { value: formatNumber(lang, r.plotCount) })}
                      </span>
                    </span>
                  </button>
                  <ul className="site-finder__reasons">
                    <li>
                      {t('sites.excess', {
                        area: t('unit.mu', { value: formatNumber(lang, r.excessMu, 1) }),
                        share: percent(lang, r.excessShare),
                      })}
                    </li>
                    <li>{t('sites.compactness', { value: formatNumber(lang, r.compactness, 2) })}</li>
                    <li>{t('sites.available', { value: percent(lang, r.availableShare) })}</li>
                    <li>{t('sites.core', { value: percent(lang, r.coreShare) })}</li>
                    <li>{t('sites.inLines', { value: percent(lang, r.lineShare) })}</li>
                    {internal && (
                      <li>{t('sites.occupants', { value: formatNumber(lang, r.occupantCount) })}</li>
                    )}
                    <li className="muted">{t('sites.score', { value: formatNumber(lang, r.score, 3) })}</li>
                  </ul>
                  {planner && (
                    <>
                      <button
                        type="button"
                        className="button"
                        aria-expanded={reservingRank === candidate.rank}
                        onClick={() =>
                          setReservingRank(reservingRank === candidate.rank ? null : candidate.rank)
                        }
                      >
                        {t('sites.reserve')}
                      </button>
                      {reservingRank === candidate.rank && (
                        <ReserveForm plotIds={candidate.plotIds} onDone={() => setReservingRank(null)} />
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </aside>
  );
}
