// An import error as the user reads it: what failed and what to do, then the server's explanation.
import { useTranslation } from 'react-i18next';
import { type ImportStage, importErrorText } from './import-errors.ts';

export function ImportError({ error, stage }: { error: unknown; stage: ImportStage }) {
  const { t } = useTranslation();
  const text = importErrorText(error, stage, t);
  return (
    <div className="inline-error imports__error" role="alert" data-stage={stage}>
      <p>
        <strong>{text.lead}</strong> {text.next}
      </p>
      {text.detail && <p className="imports__error-detail">{text.detail}</p>}
    </div>
  );
}
