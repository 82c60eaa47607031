// What went wrong with an import, in the user's language: what failed, what to do next, and the
// server's own (English) explanation underneath.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';

export type ImportStage = 'upload' | 'update' | 'commit' | 'discard' | 'load';

export interface ImportErrorText {
  /** What failed. */
  lead: string;
  /** What to do next. */
  next: string;
  /** The server's message, when it sent one. */
  detail: string | null;
}

type NextStep =
  | 'network'
  | 'signIn'
  | 'tooLarge'
  | 'type'
  | 'unreadable'
  | 'conflict'
  | 'gone'
  | 'choice'
  | 'server'
  | 'retry';

function nextStep(error: unknown, stage: ImportStage): NextStep {
  if (!(error instanceof ApiError)) return 'network';
  const status = error.statusCode;
  if (status === 401 || status === 403) return 'signIn';
  if (status === 413) return 'tooLarge';
  if (status === 415) return 'type';
  if (status === 404) return 'gone';
  // A preview already committed or discarded (by someone else, or in another tab).
  if (status === 409 && /already (committed|discarded|failed)|no longer has its file/.test(error.message)) {
    return 'gone';
  }
  if (status === 409) return stage === 'commit' ? 'conflict' : 'gone';
  if (status === 400) return stage === 'upload' ? 'unreadable' : 'choice';
  if (status >= 500) return 'server';
  return 'retry';
}

export function importErrorText(error: unknown, stage: ImportStage, t: TFunction): ImportErrorText {
  const step = nextStep(error, stage);
  const message = error instanceof ApiError ? error.message : null;
  return {
    lead: t(`imports.error.${stage}`),
    next: t(`imports.error.next.${step}`),
    detail: message ? t('imports.error.detail', { message }) : null,
  };
}
