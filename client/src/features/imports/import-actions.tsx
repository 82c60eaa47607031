// Commit or discard a preview: import the N plots (ticking "skip the rows with errors" first when
// there are any), after a confirmation of what will happen; or drop it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ImportDetail } from '../../api/import-types.ts';
import { useWrite } from '../../api/use-write.ts';
import { formatNumber } from '../../i18n/format.ts';
import { ImportError } from './import-error.tsx';
import { importKeys, useKeepImport } from './import-queries.ts';

interface ImportActionsProps {
  detail: ImportDetail;
  /** Another change to the preview is on its way: nothing can be committed meanwhile. */
  busy: boolean;
  onFinished: (how: 'commit' | 'discard', detail: ImportDetail) => void;
}

export function ImportActions({ detail, busy, onFinished }: ImportActionsProps) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const keep = useKeepImport();
  const [skipTicked, setSkipTicked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // useWrite refreshes every list, figure and the map's data tiles once the plots are written; that
  // refresh ends this preview (and unmounts these buttons), so the outcome is handed up first.
  const commit = useWrite(async (skipInvalid: boolean) => {
    try {
      const committed = await api.commitImport(detail.id, { skipInvalid });
      client.setQueryData(importKeys.detail(committed.id), committed);
      onFinished('commit', committed);
      return committed;
    } catch (error) {
      // A refusal (409) re-checked the preview on the server: show the state of now.
      setConfirming(false);
      void client.invalidateQueries({ queryKey: importKeys.one(detail.id) });
      throw error;
    }
  });
  const discard = useMutation({
    mutationFn: () => api.discardImport(detail.id),
    onSuccess: (discarded) => {
      keep(discarded);
      onFinished('discard', discarded);
    },
  });
  const number = (value: number) => formatNumber(i18n.language, value);
  const writable = detail.counts.insert + detail.counts.update;
  const withErrors = detail.counts.skip;
  const working = busy || commit.isPending || discard.isPending;
  const canCommit = writable > 0 && (withErrors === 0 || skipTicked) && !working;

  const run = () => commit.mutate(withErrors > 0);

  return (
    <section className="imports__actions" aria-label={t('imports.commit.confirmTitle')}>
      {commit.isError && <ImportError error={commit.error} stage="commit" />}
      {discard.isError && <ImportError error={discard.error} stage="discard" />}
      {withErrors > 0 && writable > 0 && (
        <label className="imports__check">
          <input
            type="checkbox"
            name="skipInvalid"
            checked={skipTicked}
            disabled={working}
            onChange={(event) => {
              setSkipTicked(event.target.checked);
              setConfirming(false);
            }}
          />
          <span>
            {t('imports.commit.skip', { count: withErrors, value: number(withErrors) })}
            {!skipTicked && (
              <small className="muted">
                {t('imports.commit.needSkip', { count: withErrors, value: number(withErrors) })}
              </small>
            )}
          </span>
        </label>
      )}
      {writable === 0 && <p className="imports__note">{t('imports.commit.nothing')}</p>}
      {confirming && canCommit ? (
        <fieldset className="imports__confirm">
          <legend>{t('imports.commit.confirmTitle')}</legend>
          <p>
            {t('imports.commit.confirm', {
              insert: number(detail.counts.insert),
              update: number(detail.counts.update),
            })}{' '}
            {withErrors > 0 && t('imports.commit.confirmSkip', { value: number(withErrors) })}{' '}
            {t('imports.commit.confirmAudit')}
          </p>
          <div className="work-item__actions">
            <button type="button" className="button button--primary" onClick={run}>
              {t('imports.commit.yes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('imports.commit.cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="work-item__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!canCommit}
            data-testid="import-commit"
            onClick={() => setConfirming(true)}
          >
            {commit.isPending
              ? t('imports.commit.working')
              : t('imports.commit.button', { count: writable, value: number(writable) })}
          </button>
          <button type="button" className="button" disabled={working} onClick={() => discard.mutate()}>
            {discard.isPending ? t('imports.discard.working') : t('imports.discard.button')}
          </button>
        </div>
      )}
    </section>
  );
}
