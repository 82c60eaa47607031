// The site finder's pure parts: contiguity of metric outlines, and growing, trimming and ranking sites.
import { describe, expect, it } from 'vitest';
import { adjacency, type MetricPolygons } from '../../server/src/site-search/adjacency.ts';
import { findSites, type SitePlot } from '../../server/src/site-search/grow.ts';

const square = (x: number, y: number, side: number): MetricPolygons => [
  [
    [
      [x, y],
      [x + side, y],
      [x + side, y + side],
      [x, y + side],
      [x, y],
    ],
  ],
];

describe('adjacency', () => {
  it('links outlines that touch or lie within the gap, in metres', () => {
    const shapes = [square(0, 0, 100), square(100, 0, 100), square(229, 0, 100), square(360, 0, 100)];
    // 0–1 touch; 1–2 are 29 m apart; 2–3 are 31 m apart.
    expect(adjacency(shapes, 30)).toEqual([[1], [0, 2], [1], []]);
  });

  it('measures corner to corner, not centre to centre', () => {
    const diagonal = [square(0, 0, 100), square(120, 120, 100)];
    // Corners (100,100) and (120,120) are 28.3 m apart.
    expect(adjacency(diagonal, 30)).toEqual([[1], [0]]);
    expect(adjacency(diagonal, 28)).toEqual([[], []]);
  });

  it('counts a plot inside another as touching', () => {
    expect(adjacency([square(0, 0, 500), square(100, 100, 50)], 1)).toEqual([[1], [0]]);
  });
});

/** A grid of square plots `side` metres wide with `road` metre roads, `mu` each. */
function grid(cols: number, rows: number, mu: number, options: Partial<SitePlot> = {}): SitePlot[] {
  const side = Math.sqrt((mu * 10_000) / 15);
  const road = 20;
  const plots: SitePlot[] = [];
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const x = c * (side + road);
      const y = r * (side + road);
      const id = c * rows + r + 1;
      const neighbours = [
        [c - 1, r],
        [c + 1, r],
        [c, r - 1],
        [c, r + 1],
      ]
        .filter(([cc, rr]) => cc! >= 0 && cc! < cols && rr! >= 0 && rr! < rows)
        .map(([cc, rr]) => cc! * rows + rr! + 1);
      plots.push({
        id,
        areaMu: mu,
        x: x + side / 2,
        y: y + side / 2,
        xmin: x,
        ymin: y,
        xmax: x + side,
        ymax: y + side,
        available: true,
        occupant: null,
        coreShare: 1,
        lineShare: 1,
        zoneId: 1,
        neighbours,
        ...options,
      });
    }
  }
  return plots;
}

const OPTIONS = { maxPlots: 500, limit: 5, lineRequired: false };

describe('findSites', () => {
  it('meets the demand with a compact block and no more plots than needed', () => {
    const sites = findSites(grid(6, 6, 25), { ...OPTIONS, demandMu: 100 });
    const best = sites[0]!;
    expect(best.areaMu).toBe(100);
    expect(best.plotIds).toHaveLength(4);
    expect(best.reasons.excessMu).toBe(0);
    // A 2 × 2 block, not a line of four.
    const cols = new Set(best.plotIds.map((id) => Math.floor((id - 1) / 6)));
    expect(cols.size).toBe(2);
    expect(best.reasons.compactness).toBeGreaterThan(0.8);
  });

  it('never offers a group that cannot meet the demand, nor more plots than allowed', () => {
    expect(findSites(grid(2, 2, 25), { ...OPTIONS, demandMu: 101 })).toEqual([]);
    expect(findSites(grid(6, 6, 25), { ...OPTIONS, demandMu: 100, maxPlots: 3 })).toEqual([]);
  });

  it('prefers land already available and with no occupant to move', () => {
    const mixed = grid(4, 2, 25).map((p) =>
      p.id <= 4 ? { ...p, available: false, occupant: `示例企业${p.id}` } : p,
    );
    const best = findSites(mixed, { ...OPTIONS, demandMu: 100 })[0]!;
    expect(best.plotIds.every((id) => id > 4)).toBe(true);
    expect(best.reasons.availableShare).toBe(1);
    expect(best.reasons.occupantCount).toBe(0);
  });

  it('ranks by score, best first, and numbers nothing twice', () => {
    const two = [
      ...grid(3, 3, 30),
      ...grid(3, 3, 40).map((p) => ({
        ...p,
        id: p.id + 100,
        x: p.x + 5000,
        xmin: p.xmin + 5000,
        xmax: p.xmax + 5000,
        neighbours: p.neighbours.map((n) => n + 100),
      })),
    ];
    const sites = findSites(two, { ...OPTIONS, demandMu: 120 });
    expect(sites.length).toBeGreaterThanOrEqual(2);
    const scores = sites.map((s) => s.reasons.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const keys = sites.map((s) => s.plotIds.join(','));
    expect(new Set(keys).size).toBe(keys.length);
    // The exact fit (4 × 30 mu) beats 4 × 40 mu with 40 mu to spare.
    expect(sites[0]!.areaMu).toBe(120);
  });
});
