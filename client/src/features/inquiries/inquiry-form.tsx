// The public inquiry form (投资意向) about a plot, parcel or zone. It goes to that zone's managers.
// A hidden "website" field catches form-filling robots; people never see it.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { CreateInquiryBody } from '../../api/workflow-types.ts';
import { type InquiryProblem, inquiryProblem, normalizePhone } from './inquiry-problem.ts';

type Target =
  | { targetType: 'plot'; plotId: number }
  | { targetType: 'parcel'; parcelId: number }
  | { targetType: 'zone'; zoneId: number };

interface InquiryFormProps {
  target: Target;
  onDone?: () => void;
  /** What the visitor is asking about, written in for them (they can change it). */
  prefill?: { message?: string; landDemandMu?: number };
  /** Said under the reference once sent (what happens next). */
  receiptNote?: ReactNode;
}

export function InquiryForm({ target, onDone, prefill, receiptNote }: InquiryFormProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<InquiryProblem | null>(null);
  const send = useMutation({
    mutationFn: (body: CreateInquiryBody) => api.createInquiry(body),
    onError: (failure) => setError(inquiryProblem(failure)),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const phone = text('phone');
    const email = text('email');
    if (!phone && !email) {
      setError('contact');
      return;
    }
    // Checked here as the server will, so the visitor hears it in their language before sending.
    if (phone && normalizePhone(phone) === null) {
      setError('phone');
      return;
    }
    setError(null);
    const demand = Number(text('landDemandMu'));
    send.mutate({
      ...target,
      contactName: text('contactName'),
      company: text('company'),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(text('landDemandMu') && Number.isFinite(demand) && demand > 0 ? { landDemandMu: demand } : {}),
      ...(text('industry') ? { industry: text('industry') } : {}),
      message: text('message'),
      ...(text('website') ? { website: text('website') } : {}),
    });
  };

  if (send.data) {
    return (
      <div className="work-form" role="status" data-testid="inquiry-sent">
        <strong>{t('inquiryForm.thanks')}</strong>
        <span data-testid="inquiry-reference">
          {t('inquiryForm.reference', { reference: send.data.reference })}
        </span>
        {receiptNote && <span className="muted">{receiptNote}</span>}
        {onDone && (
          <button type="button" className="button" onClick={onDone}>
            {t('plot.close')}
          </button>
        )}
      </div>
    );
  }
  return (
    <form className="work-form" onSubmit={submit} aria-label={t('inquiryForm.title')}>
      <label className="field">
        <span>{t('inquiryForm.contactName')}</span>
        <input name="contactName" required maxLength={100} autoComplete="name" />
      </label>
      <label className="field">
        <span>{t('inquiryForm.company')}</span>
        <input name="company" required maxLength={200} autoComplete="organization" />
      </label>
      <label className="field">
        <span>{t('inquiryForm.phone')}</span>
        <input name="phone" type="tel" maxLength={30} autoComplete="tel" inputMode="tel" />
      </label>
      <label className="field">
        <span>{t('inquiryForm.email')}</span>
        <input name="email" type="email" maxLength={200} autoComplete="email" />
      </label>
      <label className="field">
        <span>{t('inquiryForm.demand')}</span>
        <input
          name="landDemandMu"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          defaultValue={prefill?.landDemandMu}
        />
      </label>
      <label className="field">
        <span>{t('inquiryForm.industry')}</span>
        <input name="industry" maxLength={100} />
      </label>
      <label className="field">
        <span>{t('inquiryForm.message')}</span>
        <textarea name="message" maxLength={4000} rows={3} defaultValue={prefill?.message} />
      </label>
      <label className="honeypot" aria-hidden="true">
        Website
        <input name="website" tabIndex={-1} autoComplete="off" />
      </label>
      {error && (
        <p className="inline-error" role="alert" data-problem={error}>
          {error === 'contact' ? t('inquiryForm.needContact') : t(`invest.inquiry.errors.${error}`)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={send.isPending}>
        {t('inquiryForm.send')}
      </button>
    </form>
  );
}
