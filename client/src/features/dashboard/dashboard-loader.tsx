// Fetches the dashboard screen (and ECharts with it) when first opened: a spinner meanwhile, and a
// way on if the chunk cannot be fetched (say the app was updated since this page loaded).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardScreenProps } from './dashboard-screen.tsx';

// The overlay's own styles load with the screen, so these placeholders carry theirs inline.
const OVERLAY = { position: 'absolute', inset: 0, zIndex: 5, background: '#f4f6f8' } as const;

function LoadFailed({ onClose }: DashboardScreenProps) {
  const { t } = useTranslation();
  return (
    <div className="app__message" role="alert" style={OVERLAY}>
      <p>{t('dashboard.loadFailed')}</p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t('dashboard.reload')}
      </button>
      <button type="button" className="button" onClick={onClose}>
        {t('dashboard.close')}
      </button>
    </div>
  );
}

const Screen = lazy(() => import('./dashboard-screen.tsx').catch(() => ({ default: LoadFailed })));

export function DashboardLoader(props: DashboardScreenProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <div className="app__message" role="status" style={OVERLAY}>
          <div className="spinner" aria-hidden="true" />
          <p>{t('dashboard.loading')}</p>
        </div>
      }
    >
      <Screen {...props} />
    </Suspense>
  );
}
