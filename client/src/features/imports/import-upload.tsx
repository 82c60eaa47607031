// The upload control: a file input and a line saying what can be uploaded (the panel around it
// also takes a dropped file), the upload's progress and, when the server refuses it, why.
import type { UseMutationResult } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../api/import-types.ts';
import { ImportError } from './import-error.tsx';
import { ACCEPTED_FILES, DEFAULT_UPLOAD_LIMIT_BYTES, formatFileSize } from './import-format.ts';

interface ImportUploadProps {
  upload: UseMutationResult<ImportDetail, Error, File>;
  dragging: boolean;
}

export function ImportUpload({ upload, dragging }: ImportUploadProps) {
  const { t, i18n } = useTranslation();
  const hintId = useId();
  return (
    <div className={`imports__upload${dragging ? ' imports__upload--dragging' : ''}`}>
      <p className="imports__intro">{t('imports.intro')}</p>
      <div className="imports__upload-row">
        <label className="button button--primary imports__choose" aria-disabled={upload.isPending}>
          {t('imports.choose')}
          <input
            type="file"
            name="file"
            accept={ACCEPTED_FILES}
            aria-describedby={hintId}
            disabled={upload.isPending}
            className="imports__file-input"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              if (chosen) upload.mutate(chosen);
              // Choosing the same file again (after fixing it) must still count as a change.
              event.target.value = '';
            }}
          />
        </label>
        <span className="muted">{dragging ? t('imports.dropHere') : t('imports.drop')}</span>
      </div>
      <p id={hintId} className="imports__hint muted">
        {t('imports.accepts', { size: formatFileSize(i18n.language, DEFAULT_UPLOAD_LIMIT_BYTES) })}
      </p>
      {upload.isPending && upload.variables && (
        <p className="imports__busy" role="status">
          <span className="imports__spinner" aria-hidden="true" />
          {t('imports.uploading', { name: upload.variables.name })}
        </p>
      )}
      {upload.isError && <ImportError error={upload.error} stage="upload" />}
    </div>
  );
}
