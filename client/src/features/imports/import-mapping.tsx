// Which source field fills each plot attribute (the code is required), and the file's fields with
// sample values; changing a mapping checks the rows again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FieldMapping,
  type ImportDetail,
  PLOT_ATTRIBUTES,
  type PlotAttribute,
  type UpdateImportBody,
} from '../../api/import-types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { fieldType } from './import-format.ts';

/** Attributes a row cannot do without: the code always, the land use for a new plot. */
const REQUIRED: Partial<Record<PlotAttribute, 'required' | 'requiredNew'>> = {
  code: 'required',
  landUseCode: 'requiredNew',
};

interface ImportMappingProps {
  detail: ImportDetail;
  onChange: (body: UpdateImportBody) => void;
}

export function ImportMapping({ detail, onChange }: ImportMappingProps) {
  const { t, i18n } = useTranslation();
  const fields = detail.detection.fields;
  const mapping: FieldMapping = detail.mapping;
  const samples = new Map(fields.map((field) => [field.name, field.samples]));
  const mappedTo = new Map(
    PLOT_ATTRIBUTES.flatMap((attribute) => {
      const field = mapping[attribute];
      return field === undefined ? [] : [[field, attribute] as const];
    }),
  );
  const mappedCount = PLOT_ATTRIBUTES.filter((attribute) => mapping[attribute] !== undefined).length;
  // Unmapped optional attributes wait behind a button; one just changed stays in view.
  const [showAll, setShowAll] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<PlotAttribute>>(new Set());
  const shown = PLOT_ATTRIBUTES.filter(
    (attribute) =>
      showAll ||
      mapping[attribute] !== undefined ||
      REQUIRED[attribute] !== undefined ||
      touched.has(attribute),
  );
  const hidden = PLOT_ATTRIBUTES.length - shown.length;
  const choose = (attribute: PlotAttribute, field: string) => {
    setTouched((current) => new Set(current).add(attribute));
    const next: FieldMapping = { ...mapping };
    if (field) next[attribute] = field;
    else delete next[attribute];
    onChange({ mapping: next });
  };
  return (
    <section className="imports__section" aria-labelledby="imports-mapping">
      <h3 id="imports-mapping" className="imports__title">
        {t('imports.mapping.title')}{' '}
        <small className="muted">
          {t('imports.mapping.mapped', { value: formatNumber(i18n.language, mappedCount) })}
        </small>
      </h3>
      <p className="imports__hint muted">{t('imports.mapping.hint')}</p>
      <div className="imports__mapping">
        {shown.map((attribute) => {
          const field = mapping[attribute];
          const required = REQUIRED[attribute];
          return (
            <label key={attribute} className="imports__map-row" data-attribute={attribute}>
              <span className="imports__map-label">
                {t(`imports.attribute.${attribute}`)}
                {required && <em className="imports__required">{t(`imports.mapping.${required}`)}</em>}
              </span>
              <select
                name={`mapping.${attribute}`}
                value={field ?? ''}
                onChange={(event) => choose(attribute, event.target.value)}
              >
                <option value="">{t('imports.mapping.notImported')}</option>
                {fields.map((source) => (
                  <option key={source.name} value={source.name}>
                    {source.name}
                  </option>
                ))}
              </select>
              {field !== undefined && (
                <span className="imports__map-sample muted">{(samples.get(field) ?? []).join(' · ')}</span>
              )}
            </label>
          );
        })}
      </div>
      {(hidden > 0 || showAll) && (
        <button
          type="button"
          className="link-button imports__more"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll
            ? t('imports.mapping.fewer')
            : t('imports.mapping.more', { value: formatNumber(i18n.language, hidden) })}
        </button>
      )}

      <h3 className="imports__title">{t('imports.fields.title')}</h3>
      <div className="imports__scroll">
        <table className="imports-table" data-testid="import-fields">
          <thead>
            <tr>
              <th scope="col">{t('imports.fields.name')}</th>
              <th scope="col">{t('imports.fields.type')}</th>
              <th scope="col">{t('imports.fields.samples')}</th>
              <th scope="col">{t('imports.fields.to')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const type = fieldType(field.type);
              const attribute = mappedTo.get(field.name);
              return (
                <tr key={field.name} data-field={field.name}>
                  <th scope="row">{field.name}</th>
                  <td>{type ? t(`imports.fieldType.${type}`) : field.type}</td>
                  <td className="imports__samples">{field.samples.join(' · ')}</td>
                  <td>{attribute ? t(`imports.attribute.${attribute}`) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
