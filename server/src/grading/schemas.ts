// Response schema of the per-mu benefit evaluation (亩均效益评价) run; the client imports the types.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';

const GradeCounts = Type.Object(
  {
    A: Type.Integer({ minimum: 0 }),
    B: Type.Integer({ minimum: 0 }),
    C: Type.Integer({ minimum: 0 }),
    D: Type.Integer({ minimum: 0 }),
    T: Type.Integer({ minimum: 0 }),
  },
  { description: 'occupied plots per grade; T = not rated (不参评)' },
);

export const GradingBenchmarks = Type.Object({
  taxPerMu: Nullable(Type.Number({ description: '万元/亩·年' })),
  salesPerMu: Nullable(Type.Number({ description: '万元/亩·年' })),
  green: Nullable(Type.Number({ description: 'tax per tonne of standard coal, 万元/吨标煤' })),
});
export type GradingBenchmarks = Static<typeof GradingBenchmarks>;

export const GradingRun = Type.Object({
  gradedAt: Type.String({ format: 'date-time' }),
  milliseconds: Type.Integer({ minimum: 0, description: 'time the evaluation took in the database' }),
  totals: GradeCounts,
  changed: Type.Integer({ minimum: 0, description: 'plots whose grade changed' }),
  districts: Type.Array(
    Type.Object({
      districtCode: Type.String(),
      districtName: Type.String(),
      districtNameEn: Type.String(),
      rated: Type.Integer({ minimum: 0, description: 'plots ranked in this county (A–D)' }),
      counts: GradeCounts,
      changed: Type.Integer({ minimum: 0 }),
      benchmarks: GradingBenchmarks,
    }),
  ),
});
export type GradingRun = Static<typeof GradingRun>;
