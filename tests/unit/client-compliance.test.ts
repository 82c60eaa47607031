// The compliance panel's figures, and the compliance map theme: colours, legend filter, permalink.
import { describe, expect, it } from 'vitest';
import { COMPLIANCE_CLASSES } from '../../client/src/api/types.ts';
import {
  formatShare,
  shortfallMu,
  verdictOf,
} from '../../client/src/features/compliance/compliance-format.ts';
import {
  COMPLIANCE_COLORS,
  PUBLIC_PLOT_THEMES,
  plotColorExpression,
} from '../../client/src/map/layer-styles.ts';
import { formatPermalink, parsePermalink } from '../../client/src/map/permalink.ts';
import { filterExpression, NO_FILTER, parseFilter } from '../../client/src/map/plot-filter.ts';

describe('compliance figures', () => {
  it('writes shares as percentages with one decimal, and a dash where there is nothing to divide', () => {
    expect(formatShare('en', 0.6)).toBe('60.0%');
    expect(formatShare('en', 0.72345)).toBe('72.3%');
    expect(formatShare('zh-CN', 1)).toBe('100.0%');
    expect(formatShare('en', null)).toBe('—');
  });

  it('says how much industrial land a line lacks to reach its minimum', () => {
    // 1,000 mu of line at a 60% minimum needs 600 mu industrial.
    expect(shortfallMu(450, 1000, 0.6)).toBeCloseTo(150);
    expect(shortfallMu(700, 1000, 0.6)).toBe(0);
    expect(shortfallMu(0, 0, 0.6)).toBe(0);
  });

  it('tells a met minimum from a missed one and from nothing to judge', () => {
    expect(verdictOf(true)).toBe('pass');
    expect(verdictOf(false)).toBe('fail');
    expect(verdictOf(null)).toBe('none');
  });
});

describe('the compliance map theme', () => {
  it('gives both breaches and compliant plots their own colour, for everyone', () => {
    const colours = COMPLIANCE_CLASSES.map((value) => COMPLIANCE_COLORS[value].toLowerCase());
    expect(new Set(colours).size).toBe(COMPLIANCE_CLASSES.length);
    const expression = JSON.stringify(plotColorExpression('compliance'));
    for (const value of COMPLIANCE_CLASSES)
      expect(expression).toContain(`"${value}","${COMPLIANCE_COLORS[value]}"`);
    expect(PUBLIC_PLOT_THEMES).toContain('compliance');
  });

  it('filters plots by the legend entries ticked', () => {
    expect(
      filterExpression({ ...NO_FILTER, compliance: ['industrial_outside', 'nonindustrial_in_core'] }),
    ).toEqual([
      'in',
      ['coalesce', ['get', 'compliance'], 'compliant'],
      ['literal', ['industrial_outside', 'nonindustrial_in_core']],
    ]);
    expect(parseFilter(new URLSearchParams('compliance=compliant,bogus')).compliance).toEqual(['compliant']);
  });

  it('keeps the theme and the filter in the link', () => {
    const text = formatPermalink({
      view: null,
      layers: null,
      plotId: null,
      filter: { ...NO_FILTER, compliance: ['nonindustrial_in_core'] },
      theme: 'compliance',
      selection: null,
    });
    expect(text).toBe('?theme=compliance&compliance=nonindustrial_in_core');
    const link = parsePermalink(text);
    expect(link.theme).toBe('compliance');
    expect(link.filter.compliance).toEqual(['nonindustrial_in_core']);
  });
});
