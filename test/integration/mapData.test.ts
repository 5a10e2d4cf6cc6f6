import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanService } from '../../electron/services/planService.js';
import { builtInTemplate } from '../../electron/services/template.js';
import { writeBoundaries, writeHexLayout } from '../../electron/store/mapData.js';
import { upsertSource } from '../../electron/store/importData.js';
import { PlannerError } from '../../shared/api/errors.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let service: PlanService;

beforeEach(() => {
  tmp = makeTempDir('planner-map-');
  service = new PlanService({ dataDir: path.join(tmp.dir, 'data'), template: builtInTemplate });
  service.newPlan();
});

afterEach(() => {
  service.dispose();
  tmp.cleanup();
});

const square = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 53],
      [x + 0.1, 53],
      [x + 0.1, 53.1],
      [x, 53.1],
      [x, 53],
    ],
  ],
});

function addSource(id: string) {
  service.mutate((db) =>
    upsertSource(
      db,
      {
        id,
        title: 'Boundaries',
        publisher: 'ONS',
        file: 'lad.geojson',
        table: 'LAD 2023',
        period: '2023',
        licence: 'OGL',
        url: '',
        illustrative: false,
      },
      '2026-01-01T00:00:00Z',
    ),
  );
}

describe('map data held in a plan', () => {
  it('a new plan maps its 10 members on a generated hex layout, with their flows', () => {
    const map = service.mapData();
    expect(map.geometry).toBe('hex');
    expect(map.boundaries).toBeNull();
    expect(map.hexLayout).toBeNull();
    expect(map.areas).toHaveLength(10);
    expect(map.areas.every((a) => a.centroidLat !== null && a.centroidLon !== null)).toBe(true);
    const placed = map.flows.reduce((s, f) => s + f.children, 0);
    expect(placed).toBe(727); // illustrative flows conserve the published children in children's homes, 2025
    expect(() => service.setMapGeometry('boundaries')).toThrow(PlannerError);
  });

  it('stores imported boundaries and the geometry choice, which survive a save and reopen', () => {
    addSource('geo');
    const codes = service.mapData().areas.map((a) => a.code);
    const written = service.mutate((db) =>
      writeBoundaries(
        db,
        [
          ...codes.map((code, i) => ({ code, name: code, geometry: square(-2.5 + i * 0.1) })),
          { code: 'E99999999', name: 'Nowhere', geometry: square(0) },
        ],
        'geo',
      ),
    );
    expect(written).toBe(10);
    expect(service.setMapGeometry('boundaries').dirty).toBe(true);
    const file = path.join(tmp.dir, 'map.ccplan');
    service.saveAs(file);
    const reopened = new PlanService({ dataDir: path.join(tmp.dir, 'data2'), template: builtInTemplate });
    reopened.openPlan(file);
    const map = reopened.mapData();
    expect(map.geometry).toBe('boundaries');
    expect(map.boundaries?.features).toHaveLength(10);
    expect(map.boundaries?.features[0]?.geometry).toEqual(square(-2.5));
    reopened.dispose();
  });

  it('uses an imported hex layout only when it places every member', () => {
    addSource('hex');
    const codes = service.mapData().areas.map((a) => a.code);
    service.mutate((db) =>
      writeHexLayout(
        db,
        codes.slice(0, 5).map((code, i) => ({ code, q: i, r: 0 })),
        'hex',
      ),
    );
    expect(service.mapData().hexLayout).toBeNull();
    service.mutate((db) =>
      writeHexLayout(
        db,
        codes.map((code, i) => ({ code, q: i, r: 1 })),
        'hex',
      ),
    );
    expect(service.mapData().hexLayout).toHaveLength(10);
  });
});
