// Every plot status has its own colour on the map and in the legend.
import { describe, expect, it } from 'vitest';
import { PLOT_STATUSES } from '../../client/src/api/types.ts';
import { plotFillLayer, STATUS_COLORS } from '../../client/src/map/layer-styles.ts';

describe('plot status colours', () => {
  it('gives each status a distinct colour', () => {
    const colours = PLOT_STATUSES.map((status) => STATUS_COLORS[status].toLowerCase());
    expect(new Set(colours).size).toBe(PLOT_STATUSES.length);
  });

  it('themes the plot fill layer by every status', () => {
    const expression = JSON.stringify(plotFillLayer.paint?.['fill-color']);
    for (const status of PLOT_STATUSES)
      expect(expression).toContain(`"${status}","${STATUS_COLORS[status]}"`);
  });
});
