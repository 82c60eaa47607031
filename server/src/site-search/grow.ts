// The site finder's search: grow compact groups of mutually contiguous plots until they meet the
// demand, trim what is not needed, and rank them. Pure: plots and their adjacency in, sites out.

/** A candidate plot, in the city's metric CRS (metres). */
export interface SitePlot {
  id: number;
  areaMu: number;
  /** Centroid. */
  x: number;
  y: number;
  /** Bounding box corners, for the convex hull. */
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  available: boolean;
  /** Occupant enterprise, or null (the public never gets names, only whether there is one). */
  occupant: string | null;
  coreShare: number;
  lineShare: number;
  zoneId: number | null;
  /** Ids of candidate plots within the gap tolerance. */
  neighbours: number[];
}

export interface GrowOptions {
  demandMu: number;
  maxPlots: number;
  limit: number;
  /** When the search is restricted to control lines, the line share no longer tells sites apart. */
  lineRequired: boolean;
}

export interface Site {
  plotIds: number[];
  areaMu: number;
  zoneIds: number[];
  reasons: {
    score: number;
    excessMu: number;
    excessShare: number;
    compactness: number;
    availableShare: number;
    coreShare: number;
    lineShare: number;
    occupantCount: number;
    plotCount: number;
  };
}

/** Weights of the ranking; each term is 0 for an ideal site. */
export const RANK_WEIGHTS = {
  excess: 1,
  looseness: 0.5,
  notAvailable: 0.4,
  perOccupant: 0.05,
  outsideLines: 0.2,
} as const;

const M2_PER_MU = 10_000 / 15;
/** Start points tried per contiguous group. */
const STARTS_PER_GROUP = 6;

function hullArea(points: [number, number][]): number {
  if (points.length < 3) return 0;
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]) => {
    const out: [number, number][] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const hull = [...half(sorted), ...half([...sorted].reverse())];
  let twice = 0;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    twice += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(twice) / 2;
}

/** Is `members` without `drop` still one contiguous group? */
function connectedWithout(members: Set<number>, drop: number, byId: Map<number, SitePlot>): boolean {
  const rest = [...members].filter((id) => id !== drop);
  if (rest.length <= 1) return true;
  const seen = new Set([rest[0]!]);
  const queue = [rest[0]!];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const n of byId.get(id)!.neighbours) {
      if (n !== drop && members.has(n) && !seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen.size === rest.length;
}

function areaOf(members: Iterable<number>, byId: Map<number, SitePlot>): number {
  let sum = 0;
  for (const id of members) sum += byId.get(id)!.areaMu;
  return sum;
}

/** Grows one site from `start`; null when the group runs out before the demand is met. */
function growFrom(start: SitePlot, byId: Map<number, SitePlot>, options: GrowOptions): Set<number> | null {
  const members = new Set([start.id]);
  let area = start.areaMu;
  let cx = start.x * start.areaMu;
  let cy = start.y * start.areaMu;
  const frontier = new Set(start.neighbours.filter((n) => byId.has(n)));
  const scale = Math.sqrt(options.demandMu * M2_PER_MU);
  while (area < options.demandMu) {
    if (members.size >= options.maxPlots || frontier.size === 0) return null;
    let best: SitePlot | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const id of frontier) {
      const plot = byId.get(id)!;
      const distance = Math.hypot(plot.x - cx / area, plot.y - cy / area) / scale;
      const overshoot = Math.max(0, area + plot.areaMu - options.demandMu) / options.demandMu;
      const cost =
        distance +
        (plot.available ? 0 : 0.3) +
        (plot.occupant === null ? 0 : 0.3) +
        2 * overshoot +
        (options.lineRequired ? 0 : 0.2 * (1 - plot.lineShare));
      if (cost < bestCost || (cost === bestCost && best !== null && plot.id < best.id)) {
        best = plot;
        bestCost = cost;
      }
    }
    const chosen = best!;
    members.add(chosen.id);
    frontier.delete(chosen.id);
    area += chosen.areaMu;
    cx += chosen.x * chosen.areaMu;
    cy += chosen.y * chosen.areaMu;
    for (const n of chosen.neighbours) if (byId.has(n) && !members.has(n)) frontier.add(n);
  }
  // Trim: drop the largest member the site can spare while it stays contiguous and big enough.
  for (;;) {
    const spare = [...members]
      .map((id) => byId.get(id)!)
      .filter((p) => area - p.areaMu >= options.demandMu)
      .sort((a, b) => b.areaMu - a.areaMu || a.id - b.id)
      .find((p) => connectedWithout(members, p.id, byId));
    if (!spare) break;
    members.delete(spare.id);
    area -= spare.areaMu;
  }
  return members;
}

export function describeSite(members: Set<number>, byId: Map<number, SitePlot>, options: GrowOptions): Site {
  const plots = [...members].map((id) => byId.get(id)!).sort((a, b) => a.id - b.id);
  const areaMu = areaOf(members, byId);
  const corners: [number, number][] = plots.flatMap((p) => [
    [p.xmin, p.ymin] as [number, number],
    [p.xmax, p.ymin] as [number, number],
    [p.xmax, p.ymax] as [number, number],
    [p.xmin, p.ymax] as [number, number],
  ]);
  const hull = hullArea(corners);
  const compactness = hull > 0 ? Math.min(1, (areaMu * M2_PER_MU) / hull) : 1;
  const weighted = (f: (p: SitePlot) => number) => plots.reduce((s, p) => s + f(p) * p.areaMu, 0) / areaMu;
  const availableShare = weighted((p) => (p.available ? 1 : 0));
  const coreShare = weighted((p) => p.coreShare);
  const lineShare = weighted((p) => p.lineShare);
  const occupantCount = new Set(plots.flatMap((p) => (p.occupant === null ? [] : [p.occupant]))).size;
  const excessMu = Math.max(0, areaMu - options.demandMu);
  const excessShare = excessMu / options.demandMu;
  const score =
    RANK_WEIGHTS.excess * excessShare +
    RANK_WEIGHTS.looseness * (1 - compactness) +
    RANK_WEIGHTS.notAvailable * (1 - availableShare) +
    RANK_WEIGHTS.perOccupant * occupantCount +
    (options.lineRequired ? 0 : RANK_WEIGHTS.outsideLines * (1 - lineShare));
  const r = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    plotIds: plots.map((p) => p.id),
    areaMu: r(areaMu, 2),
    zoneIds: [...new Set(plots.flatMap((p) => (p.zoneId === null ? [] : [p.zoneId])))].sort((a, b) => a - b),
    reasons: {
      score: r(score),
      excessMu: r(excessMu, 2),
      excessShare: r(excessShare),
      compactness: r(compactness),
      availableShare: r(availableShare),
      coreShare: r(coreShare),
      lineShare: r(lineShare),
      occupantCount,
      plotCount: plots.length,
    },
  };
}

/** Start points: the plot nearest the group's centre, then plots spread around its edge. */
function startsOf(group: SitePlot[]): SitePlot[] {
  if (group.length <= STARTS_PER_GROUP) return group;
  const area = group.reduce((s, p) => s + p.areaMu, 0);
  const cx = group.reduce((s, p) => s + p.x * p.areaMu, 0) / area;
  const cy = group.reduce((s, p) => s + p.y * p.areaMu, 0) / area;
  const byDistance = [...group].sort(
    (a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy),
  );
  const byAngle = [...group].sort((a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx));
  const starts = [byDistance[0]!];
  const step = byAngle.length / (STARTS_PER_GROUP - 1);
  for (let i = 0; i < STARTS_PER_GROUP - 1; i++) starts.push(byAngle[Math.floor(i * step)]!);
  return [...new Set(starts)];
}

/** Ranked candidate sites, best first; at most two per contiguous group, and never the same set twice. */
export function findSites(plots: SitePlot[], options: GrowOptions): Site[] {
  const byId = new Map(plots.map((p) => [p.id, p]));
  const seen = new Set<number>();
  const sites: { site: Site; group: number }[] = [];
  let group = 0;
  for (const plot of [...plots].sort((a, b) => a.id - b.id)) {
    if (seen.has(plot.id)) continue;
    // One contiguous group of candidates.
    const members: SitePlot[] = [];
    const queue = [plot];
    seen.add(plot.id);
    while (queue.length > 0) {
      const p = queue.pop()!;
      members.push(p);
      for (const n of p.neighbours) {
        const next = byId.get(n);
        if (next && !seen.has(n)) {
          seen.add(n);
          queue.push(next);
        }
      }
    }
    group += 1;
    if (members.reduce((s, p) => s + p.areaMu, 0) < options.demandMu) continue;
    const found = new Map<string, Site>();
    for (const start of startsOf(members)) {
      const grown = growFrom(start, byId, options);
      if (!grown) continue;
      // Starts often grow into the same site: describe each only once.
      const key = [...grown].sort((a, b) => a - b).join(',');
      if (!found.has(key)) found.set(key, describeSite(grown, byId, options));
    }
    const ranked = [...found.values()].sort((a, b) => a.reasons.score - b.reasons.score);
    const kept: Site[] = [];
    for (const site of ranked) {
      // A second site from the same group only when it is mostly different land.
      const overlaps = kept.some((k) => {
        const shared = site.plotIds.filter((id) => k.plotIds.includes(id));
        return areaOf(shared, byId) > 0.5 * site.areaMu;
      });
      if (!overlaps) kept.push(site);
      if (kept.length === 2) break;
    }
    for (const site of kept) sites.push({ site, group });
  }
  return sites
    .sort((a, b) => a.site.reasons.score - b.site.reasons.score || a.site.plotIds[0]! - b.site.plotIds[0]!)
    .slice(0, options.limit)
    .map((s) => s.site);
}
