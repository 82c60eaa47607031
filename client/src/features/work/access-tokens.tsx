// The workbench's access tokens (访问令牌): make a read-only token for QGIS or GDAL, see it once with
// how to use it, list the live ones with their last use, revoke one.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { useWrite } from '../../api/use-write.ts';
import type { AccessToken, CreatedToken, NewTokenBody } from '../../api/workflow-types.ts';

const VALIDITY_DAYS = [30, 90, 180, 365] as const;

const dateTime = (language: string, at: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
const date = (language: string, at: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(at));

export function AccessTokens() {
  const { t } = useTranslation();
  const tokens = useQuery({
    queryKey: [...queryKeys.work, 'tokens'],
    queryFn: ({ signal }) => api.accessTokens(signal),
  });
  const [made, setMade] = useState<CreatedToken | null>(null);
  const items = tokens.data?.items;
  return (
    <div className="access-tokens" data-testid="access-tokens">
      <p className="muted">{t('tokens.intro')}</p>
      {/* The new secret takes the form's place, where the eye already is, until it is saved. */}
      {made ? <MadeToken token={made} onDone={() => setMade(null)} /> : <TokenForm onMade={setMade} />}
      <h3 className="access-tokens__heading">{t('tokens.live')}</h3>
      {tokens.error && <p className="inline-error">{tokens.error.message}</p>}
      {items && items.length === 0 && <p className="muted">{t('tokens.none')}</p>}
      <ul className="work-list">
        {items?.map((token) => (
          <TokenRow key={token.id} token={token} />
        ))}
      </ul>
    </div>
  );
}

function TokenForm({ onMade }: { onMade: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  const create = useWrite((body: NewTokenBody) => api.createAccessToken(body));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      { name: String(data.get('name') ?? '').trim(), days: Number(data.get('days')) },
      {
        onSuccess: (token) => {
          form.reset();
          onMade(token);
        },
      },
    );
  };
  return (
    <form className="work-form access-tokens__form" onSubmit={submit} aria-label={t('tokens.make')}>
      <label className="field">
        <span>{t('tokens.name')}</span>
        <input
          name="name"
          required
          maxLength={60}
          placeholder={t('tokens.namePlaceholder')}
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span>{t('tokens.validity')}</span>
        <select name="days" defaultValue="90">
          {VALIDITY_DAYS.map((days) => (
            <option key={days} value={days}>
              {t('tokens.days', { count: days })}
            </option>
          ))}
        </select>
      </label>
      {create.error && <p className="inline-error">{create.error.message}</p>}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {t('tokens.make')}
      </button>
    </form>
  );
}

/** The new token, this once, with what to paste into QGIS and GDAL. */
function MadeToken({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const ogc = `${window.location.origin}/ogc`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, a refusal): the field stays selectable.
      setCopied(false);
    }
  };
  return (
    <section className="access-tokens__made" data-testid="made-token" aria-live="polite">
      <p>
        <strong>{t('tokens.madeTitle', { name: token.name })}</strong>{' '}
        {t('tokens.expires', { date: date(i18n.language, token.expiresAt) })}
      </p>
      <p className="access-tokens__warning">{t('tokens.onlyOnce')}</p>
      <div className="access-tokens__secret">
        <input
          className="input mono"
          readOnly
          value={token.token}
          aria-label={t('tokens.secret')}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="token-secret"
        />
        <button type="button" className="button" onClick={copy}>
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </button>
      </div>
      <h4>{t('tokens.qgisTitle')}</h4>
      <p>{t('tokens.qgis', { url: ogc })}</p>
      <h4>{t('tokens.gdalTitle')}</h4>
      <pre className="access-tokens__command">
        {`ogrinfo --config GDAL_HTTP_HEADERS "Authorization: Bearer ${token.token}" \\\n  -oo PAGE_SIZE=1000 OAPIF:${ogc} plots`}
      </pre>
      <p className="muted">{t('tokens.readOnly')}</p>
      <button type="button" className="button" onClick={onDone}>
        {t('tokens.done')}
      </button>
    </section>
  );
}

function TokenRow({ token }: { token: AccessToken }) {
  const { t, i18n } = useTranslation();
  const revoke = useWrite(() => api.revokeAccessToken(token.id));
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="work-item" data-token-id={token.id}>
      <div className="work-item__head">
        <strong>{token.name}</strong>
      </div>
      <p className="muted">
        {t('tokens.made', { date: dateTime(i18n.language, token.createdAt) })} ·{' '}
        {t('tokens.expires', { date: date(i18n.language, token.expiresAt) })} ·{' '}
        {token.lastUsedAt
          ? t('tokens.lastUsed', { date: dateTime(i18n.language, token.lastUsedAt) })
          : t('tokens.neverUsed')}
      </p>
      <div className="work-item__actions">
        {confirming ? (
          <>
            <span>{t('tokens.revokeConfirm')}</span>
            <button
              type="button"
              className="button button--danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(undefined)}
            >
              {t('tokens.revoke')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('tokens.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {t('tokens.revoke')}
          </button>
        )}
      </div>
      {revoke.error && <p className="inline-error">{revoke.error.message}</p>}
    </li>
  );
}
