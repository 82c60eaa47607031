// A site drawn as an SVG outline from its GeoJSON: the brochure's picture where the map cannot be copied,
// and the page's where WebGL is missing. Coloured like the map's site outline (SITE_COLOR in
// map/layer-styles.ts), written out so the first page load does not fetch the map's styles.
import { useMemo } from 'react';
import { type AreaGeometry, outlinePaths } from './outline-path.ts';

const FRAME = { width: 600, height: 300, padding: 24 };
const SITE_COLOR = '#db2777';

export function SiteOutline({ geometry, label }: { geometry: AreaGeometry; label: string }) {
  const [path] = useMemo(() => outlinePaths([geometry], FRAME), [geometry]);
  return (
    <svg
      className="site-outline"
      viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
    >
      <defs>
        <pattern id="site-outline-grid" width="30" height="30" patternUnits="userSpaceOnUse">
          <path d="M30 0H0V30" fill="none" stroke="#dde2e8" strokeWidth="1" />
        </pattern>
      </defs>
      <rect width={FRAME.width} height={FRAME.height} fill="url(#site-outline-grid)" />
      <path
        d={path}
        fill={SITE_COLOR}
        fillOpacity={0.25}
        stroke={SITE_COLOR}
        strokeWidth={2.5}
        fillRule="evenodd"
      />
    </svg>
  );
}
