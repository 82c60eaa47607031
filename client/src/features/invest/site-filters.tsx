// The browse page's filters: zone, district, area, leading industry and servicing; each change rewrites
// the address, which is the filter (site-filter.ts).
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvestSummary } from '../../api/invest.ts';
import type { DistrictProperties } from '../../api/types.ts';
import { industryLabels, useNamePicker } from './invest-parts.tsx';
import { activeConditions, DEFAULT_SITE_FILTER, SERVICING_ITEMS, type SiteFilter } from './site-filter.ts';

interface SiteFiltersProps {
  filter: SiteFilter;
  onChange: (filter: SiteFilter) => void;
  summary: InvestSummary | undefined;
  districts: DistrictProperties[] | undefined;
  /** Shown open (a wide screen); on a phone they fold behind a button. */
  open: boolean;
  onToggle: () => void;
}

const bound = (text: string): number | null => {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
};

export function SiteFilters({ filter, onChange, summary, districts, open, onToggle }: SiteFiltersProps) {
  const { t, i18n } = useTranslation();
  const name = useNamePicker();
  const active = activeConditions(filter);
  const [min, setMin] = useState(filter.minAreaMu?.toString() ?? '');
  const [max, setMax] = useState(filter.maxAreaMu?.toString() ?? '');
  // The address can change under the form (back button, a link): follow it.
  useEffect(() => {
    setMin(filter.minAreaMu?.toString() ?? '');
    setMax(filter.maxAreaMu?.toString() ?? '');
  }, [filter.minAreaMu, filter.maxAreaMu]);
  const applyArea = (event?: FormEvent) => {
    event?.preventDefault();
    const [low, high] = [bound(min), bound(max)];
    if (low !== filter.minAreaMu || high !== filter.maxAreaMu) {
      onChange({ ...filter, minAreaMu: low, maxAreaMu: high });
    }
  };
  const toggleItem = (item: (typeof SERVICING_ITEMS)[number]) =>
    onChange({
      ...filter,
      servicing: filter.servicing.includes(item)
        ? filter.servicing.filter((other) => other !== item)
        : [...filter.servicing, item],
    });
  return (
    <div className="site-filters" data-open={open ? 'true' : 'false'}>
      <button
        type="button"
        className="button site-filters__toggle"
        aria-expanded={open}
        aria-controls="site-filters-form"
        onClick={onToggle}
      >
        {active > 0 ? t('invest.browse.filtersActive', { count: active }) : t('invest.browse.filters')}
      </button>
      <form id="site-filters-form" className="site-filters__form" hidden={!open} onSubmit={applyArea}>
        <label className="field">
          <span>{t('invest.browse.zone')}</span>
          <select
            name="zone"
            value={filter.zoneId ?? ''}
            onChange={(event) =>
              onChange({ ...filter, zoneId: event.target.value ? Number(event.target.value) : null })
            }
          >
            <option value="">{t('invest.browse.any')}</option>
            {summary?.zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {name(zone.name, zone.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('invest.browse.district')}</span>
          <select
            name="district"
            value={filter.districtCode ?? ''}
            onChange={(event) => onChange({ ...filter, districtCode: event.target.value || null })}
          >
            <option value="">{t('invest.browse.any')}</option>
            {districts?.map((district) => (
              <option key={district.code} value={district.code}>
                {name(district.name, district.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('invest.browse.industry')}</span>
          <select
            name="industry"
            value={filter.industry ?? ''}
            onChange={(event) => onChange({ ...filter, industry: event.target.value || null })}
          >
            <option value="">{t('invest.browse.any')}</option>
            {summary &&
              industryLabels(summary.industries, summary.industriesEn, i18n.language === 'en').map(
                ({ name, label }) => (
                  <option key={name} value={name}>
                    {label}
                  </option>
                ),
              )}
            {filter.industry && !summary?.industries.includes(filter.industry) && (
              <option value={filter.industry}>{filter.industry}</option>
            )}
          </select>
        </label>
        <fieldset className="site-filters__area">
          <legend>{t('invest.browse.area')}</legend>
          <input
            name="minAreaMu"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            placeholder={t('invest.browse.min')}
            aria-label={t('invest.browse.areaMin')}
            value={min}
            onChange={(event) => setMin(event.target.value)}
            onBlur={() => applyArea()}
          />
          <span aria-hidden="true">–</span>
          <input
            name="maxAreaMu"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            placeholder={t('invest.browse.max')}
            aria-label={t('invest.browse.areaMax')}
            value={max}
            onChange={(event) => setMax(event.target.value)}
            onBlur={() => applyArea()}
          />
          <button type="submit" className="button">
            {t('invest.browse.apply')}
          </button>
        </fieldset>
        <fieldset className="site-filters__servicing">
          <legend>{t('invest.browse.servicing')}</legend>
          {SERVICING_ITEMS.map((item) => (
            <label key={item} className="check-chip">
              <input
                type="checkbox"
                name="servicing"
                value={item}
                checked={filter.servicing.includes(item)}
                onChange={() => toggleItem(item)}
              />
              <span>{t(`servicing.${item}`)}</span>
            </label>
          ))}
        </fieldset>
        {active > 0 && (
          <button
            type="button"
            className="button site-filters__reset"
            onClick={() => onChange({ ...DEFAULT_SITE_FILTER, kind: filter.kind, sort: filter.sort })}
          >
            {t('invest.browse.reset')}
          </button>
        )}
      </form>
    </div>
  );
}
