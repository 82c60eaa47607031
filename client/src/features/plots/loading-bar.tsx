// A slim progress bar under the top bar while plot pages load, and a retry notice if one fails.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';

interface LoadingBarProps {
  loaded: number;
  total: number | null;
  done: boolean;
  error: Error | null;
  onRetry: () => void;
}

export function LoadingBar({ loaded, total, done, error, onRetry }: LoadingBarProps) {
  const { t, i18n } = useTranslation();
  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        <span>{t('app.errorPlots')}</span>
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (done) return null;
  const fraction = total ? Math.min(1, loaded / total) : 0;
  const label =
    total === null
      ? t('app.loading')
      : t('app.loadingPlots', {
          loaded: formatNumber(i18n.language, loaded),
          total: formatNumber(i18n.language, total),
        });
  return (
    <div className="loading" role="status" aria-live="polite">
      <div
        className={`loading__bar${total === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total ?? 0}
        aria-valuenow={loaded}
      >
        <div
          className="loading__fill"
          style={total === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }}
        />
      </div>
      <span className="loading__text">{label}</span>
    </div>
  );
}
