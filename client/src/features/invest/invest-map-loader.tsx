// Loads the map only once the page's content is on screen, and only where WebGL works; elsewhere the
// site's outline stands in. maplibre is the heaviest part of the page, so nothing waits for it.
import { Component, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvestMapProps } from './invest-map.tsx';
import type { AreaGeometry } from './outline-path.ts';
import { SiteOutline } from './site-outline.tsx';

const InvestMap = lazy(() => import('./invest-map.tsx'));

let webgl: boolean | undefined;
/** Whether this browser can draw the map (asked once). */
function hasWebGL(): boolean {
  if (webgl === undefined) {
    try {
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
      webgl = context !== null;
      // Browsers allow few live contexts: give this test's back before the map asks for its own.
      context?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl = false;
    }
  }
  return webgl;
}

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** True from the frame after the first paint: the map's code is asked for only then. */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setPainted(true));
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return painted;
}

interface LoaderProps extends InvestMapProps {
  /** Drawn instead of the map where it cannot show (and while it loads). */
  outline?: { geometry: AreaGeometry; label: string } | null;
  className?: string;
}

export function InvestMapLoader({ outline, className, ...props }: LoaderProps) {
  const { t } = useTranslation();
  const painted = useAfterFirstPaint();
  const fallback = (note: string, busy: boolean) => (
    <div className="invest-map invest-map--fallback" role={busy ? 'status' : undefined}>
      {outline && <SiteOutline geometry={outline.geometry} label={outline.label} />}
      <p className="invest-map__note">{note}</p>
    </div>
  );
  const loading = fallback(t('invest.map.loading'), true);
  const unavailable = fallback(t('invest.map.unavailable'), false);
  return (
    <div className={`invest-map-frame ${className ?? ''}`}>
      {!painted ? (
        loading
      ) : !hasWebGL() ? (
        unavailable
      ) : (
        <MapBoundary fallback={unavailable}>
          <Suspense fallback={loading}>
            <InvestMap {...props} />
          </Suspense>
        </MapBoundary>
      )}
    </div>
  );
}
