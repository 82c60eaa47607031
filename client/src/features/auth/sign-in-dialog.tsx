// Sign-in: a small dialog; on success the page reloads, so every layer and figure is the user's own.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';

export function SignInDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      // Tiles, figures and panels all depend on who is looking: start afresh as this user.
      window.location.reload();
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.statusCode : 0;
      setError(
        status === 401 ? t('auth.wrong') : status === 429 ? t('auth.tooMany') : (caught as Error).message,
      );
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="sign-in-title" onClose={onClose}>
      <form className="dialog__form" onSubmit={(event) => void submit(event)}>
        <h2 id="sign-in-title" className="dialog__title">
          {t('auth.title')}
        </h2>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" required maxLength={40} />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
        </label>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t('auth.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('auth.signIn')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
