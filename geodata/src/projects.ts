// Investment projects (招引项目) across stages, with some 10亿元+ signings whose 72-hour city review is due or overdue.
import { INDUSTRIES } from './huaian-facts.ts';
import { investorName, projectName } from './names.ts';
import { Rng } from './prng.ts';
import { timestampFromReference } from './reference-date.ts';
import type { ProjectRecord, ProjectStage } from './types.ts';
import type { ZonePlan } from './zone-layout.ts';

const STAGES: readonly [ProjectStage, number][] = [
  ['talks', 15],
  ['signed', 18],
  ['started', 15],
  ['producing', 12],
];

/** Hours before the reference date at which a stage's projects were signed. */
const SIGNED_HOURS_AGO: Record<Exclude<ProjectStage, 'talks'>, [number, number]> = {
  signed: [24 * 12, 24 * 150],
  started: [24 * 150, 24 * 600],
  producing: [24 * 500, 24 * 1200],
};

export function buildProjects(plans: readonly ZonePlan[], seed: number): ProjectRecord[] {
  const rng = new Rng(seed, 606);
  const zones = plans.filter((p) => p.record.level !== 'other');
  const projects: ProjectRecord[] = [];
  let signedSoFar = 0;
  for (const [stage, count] of STAGES) {
    for (let i = 0; i < count; i++) {
      const zone = rng.pick(zones);
      const industry = rng.chance(0.8) ? rng.pick(zone.record.industries) : rng.pick(INDUSTRIES);
      let investmentYi = Math.min(80, Math.max(1, 5 * Math.exp(0.9 * rng.normal())));
      let signedAt: string | null = null;
      if (stage !== 'talks') {
        const [lo, hi] = SIGNED_HOURS_AGO[stage];
        let hoursAgo = rng.range(lo, hi);
        if (stage === 'signed') {
          // The first signings are large and recent: five inside the 72-hour window, four past it.
          if (signedSoFar < 5) hoursAgo = rng.range(2, 66);
          else if (signedSoFar < 9) hoursAgo = rng.range(80, 240);
          if (signedSoFar < 9) investmentYi = rng.range(10, 80);
          signedSoFar++;
        }
        signedAt = timestampFromReference(-hoursAgo);
      }
      investmentYi = Math.round(investmentYi * 10) / 10;
      const landDemandMu = Math.min(
        1200,
        Math.max(50, Math.round((investmentYi * rng.range(8, 22)) / 5) * 5),
      );
      projects.push({
        code: `PRJ-${String(projects.length + 1).padStart(4, '0')}`,
        name: projectName(rng, industry),
        investor: investorName(rng),
        industry,
        investmentYi,
        landDemandMu,
        stage,
        zoneCode: zone.record.code,
        signedAt,
      });
    }
  }
  return projects;
}
