/**
 * The supply-access rule (shared/supply/accessible.ts): LA-run places count in full, private and
 * voluntary places at the open-market access share, and only long-term children's home places are
 * supply.
 */
import { describe, expect, it } from 'vitest';
import type { SupplyChange } from '#shared/import/template.js';
import { accessiblePlaces, forecastSupplyChanges } from '#shared/supply/accessible.js';

const change = (over: Partial<SupplyChange>): SupplyChange => ({
  area: 'E08000009',
  fromYear: '2027',
  sector: 'Private',
  homeType: 'childrensHome',
  placesChange: 4,
  note: '',
  source: 'test',
  ...over,
});

describe('the supply-access rule', () => {
  it('counts LA-run places in full and other sectors’ at the open-market share', () => {
    expect(accessiblePlaces('Local Authority', 6, 0.35)).toBe(6);
    expect(accessiblePlaces('Private', 6, 0.35)).toBeCloseTo(2.1, 12);
    expect(accessiblePlaces('Voluntary', -4, 0.5)).toBe(-2);
  });

  it('takes only children’s home places into the forecast, with registered and accessible places', () => {
    const changes = forecastSupplyChanges(
      [
        change({ sector: 'Local Authority', placesChange: 3 }),
        change({ sector: 'Private', placesChange: -4, fromYear: '2028' }),
        change({ homeType: 'shortBreakOnly', placesChange: 5 }),
        change({ homeType: 'secure', sector: 'Local Authority', placesChange: 2 }),
      ],
      0.25,
    );
    expect(changes).toEqual([
      { area: 'E08000009', fromYear: '2027', registeredPlaces: 3, accessiblePlaces: 3 },
      { area: 'E08000009', fromYear: '2028', registeredPlaces: -4, accessiblePlaces: -1 },
    ]);
  });
});
