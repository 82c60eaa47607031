// The first rows of the file as decoded, so the planner sees at once whether Chinese text reads right.
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../api/import-types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { cellText } from './import-format.ts';

export function ImportSamples({ detail }: { detail: ImportDetail }) {
  const { t, i18n } = useTranslation();
  const { fields, sampleRows } = detail.detection;
  if (sampleRows.length === 0) return null;
  return (
    <section className="imports__section" aria-labelledby="imports-samples">
      <h3 id="imports-samples" className="imports__title">
        {t('imports.sample.title', { value: formatNumber(i18n.language, sampleRows.length) })}
      </h3>
      <div className="imports__scroll">
        <table className="imports-table imports-table--rows" data-testid="import-samples">
          <thead>
            <tr>
              <th scope="col">{t('imports.sample.row')}</th>
              {fields.map((field) => (
                <th key={field.name} scope="col">
                  {field.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sampleRows.map((row) => (
              <tr key={row.row}>
                <th scope="row">{row.row}</th>
                {fields.map((field) => (
                  <td key={field.name} title={cellText(row.attributes[field.name])}>
                    {cellText(row.attributes[field.name])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
