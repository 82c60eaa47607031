// A side panel's heading with its close button (plot, selection and workbench panels).
import type { ReactNode } from 'react';

interface PanelHeaderProps {
  /** Id of the heading, for the panel's aria-labelledby. */
  titleId: string;
  children: ReactNode;
  closeLabel: string;
  onClose: () => void;
}

export function PanelHeader({ titleId, children, closeLabel, onClose }: PanelHeaderProps) {
  return (
    <header className="plot-panel__header">
      <h2 id={titleId} className="plot-panel__title">
        {children}
      </h2>
      <button type="button" className="icon-button" onClick={onClose} aria-label={closeLabel}>
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
    </header>
  );
}
