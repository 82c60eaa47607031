// The top bar: product name, city, the sample-data badge, the language switch, and who is signed in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Meta } from '../../api/types.ts';
import type { SignedInUser } from '../../api/workflow-types.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { SignInDialog } from '../auth/sign-in-dialog.tsx';

interface TopBarProps {
  meta: Meta | undefined;
  /** The signed-in user; null for the public, undefined while asking. */
  user: SignedInUser | null | undefined;
  workOpen: boolean;
  onToggleWork: () => void;
  dashboardOpen: boolean;
  onToggleDashboard: () => void;
}

export function TopBar({
  meta,
  user,
  workOpen,
  onToggleWork,
  dashboardOpen,
  onToggleDashboard,
}: TopBarProps) {
  const { t } = useTranslation();
  const [signingIn, setSigningIn] = useState(false);
  const language = currentLanguage();
  const city = meta ? (language === 'en' ? meta.city.nameEn || meta.city.name : meta.city.name) : null;
  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <svg className="top-bar__logo" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="2" y="2" width="9" height="9" rx="1.5" fill="#2a9d4b" />
          <rect x="13" y="2" width="9" height="9" rx="1.5" fill="#2f6fd0" />
          <rect x="2" y="13" width="9" height="9" rx="1.5" fill="#f08a24" />
          <rect x="13" y="13" width="9" height="9" rx="1.5" fill="#b8bec7" />
        </svg>
        <h1 className="top-bar__title">
          <span className="top-bar__name">{t('app.name')}</span>
          <span className="top-bar__name-alt" lang={language === 'en' ? 'zh-CN' : 'en'}>
            {t('app.nameAlt')}
          </span>
        </h1>
        {city && <span className="top-bar__city">{city}</span>}
      </div>
      <div className="top-bar__actions">
        <a
          href="/invest"
          className="top-bar__button top-bar__link"
          title={t('invest.linkHint')}
          data-testid="invest-link"
        >
          {t('invest.link')}
        </a>
        {meta?.isSample && (
          <span className="badge badge--sample" title={t('app.sampleBadgeHint')} data-testid="sample-badge">
            {t('app.sampleBadge')}
          </span>
        )}
        <LanguageSwitch />
        {user === null && (
          <button type="button" className="top-bar__button" onClick={() => setSigningIn(true)}>
            {t('auth.signIn')}
          </button>
        )}
        {user && (
          <div className="top-bar__user">
            {user.role !== 'investor' && (
              <button
                type="button"
                className="top-bar__button top-bar__button--dashboard"
                aria-pressed={dashboardOpen}
                onClick={onToggleDashboard}
                data-testid="dashboard-toggle"
              >
                <svg viewBox="0 0 16 16" aria-hidden="true">
                  <path d="M2 14V8h3v6zm4.5 0V3h3v11zM11 14V6h3v8z" fill="currentColor" />
                </svg>
                <span className="top-bar__button-label">{t('dashboard.open')}</span>
              </button>
            )}
            {user.role !== 'investor' && (
              <button
                type="button"
                className="top-bar__button"
                aria-pressed={workOpen}
                onClick={onToggleWork}
                data-testid="work-toggle"
              >
                {t('work.open')}
              </button>
            )}
            <span className="top-bar__who" title={t(`role.${user.role}`)}>
              {user.displayName}
              <span className="top-bar__role">{t(`role.${user.role}`)}</span>
            </span>
            <button
              type="button"
              className="top-bar__button"
              onClick={() => void api.logout().finally(() => window.location.reload())}
            >
              {t('auth.signOut')}
            </button>
          </div>
        )}
        {signingIn && <SignInDialog onClose={() => setSigningIn(false)} />}
      </div>
    </header>
  );
}
