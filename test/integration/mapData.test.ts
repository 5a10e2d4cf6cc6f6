import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanService } from '../../electron/services/planService.js';
import { builtInTemplate } from '../../electron/services/template.js';
import { writeBoundaries, writeHexLayout } from '../../electron/store/mapData.js';
import { upsertSource } from '../../electron/store/importData.js';
import { PlannerError } from '#shared/api/errors.js';
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

describe('importing boundaries and hex layouts for the map', () => {
  const shared = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/data/boundaries');

  it('stores GeoJSON boundaries for every member so the map can switch to them', async () => {
    const { createAppContext } = await import('../../electron/services/appContext.js');
    const app = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'geo-data') });
    app.plans.newPlan();
    const fs = await import('node:fs');
    const file = path.join(tmp.dir, 'gm.geojson');
    const features = service.mapData().areas.map((a, i) => ({
      type: 'Feature',
      properties: { LAD23CD: a.code, LAD23NM: a.name },
      geometry: square(-2.6 + i * 0.1),
    }));
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const preview = await app.imports.preview([{ path: file }]);
    expect(preview.files[0]).toMatchObject({ kind: 'geojson', added: 10, errorCount: 0 });
    expect(preview.files[0]?.notTaken[0]).toContain('10 of the 10 member authorities');
    expect(preview.files[0]?.notTaken[1]).toContain('matching authorities by the field “LAD23CD”');
    app.imports.commit(preview.previewId);
    expect(app.plans.mapData().boundaries?.features).toHaveLength(10);
    expect(app.plans.setMapGeometry('boundaries').dirty).toBe(true);
    expect(app.plans.mapData().geometry).toBe('boundaries');
    app.plans.dispose();
  });

  it.skipIf(!existsSync(shared))(
    'imports the real GM boundaries and UK hex layout (skipped when ../shared/data is absent)',
    async () => {
      const { createAppContext } = await import('../../electron/services/appContext.js');
      const app = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'real-geo') });
      app.plans.newPlan();
      const preview = await app.imports.preview([
        { path: path.join(shared, 'gm_local_authority_2023_generalised.geojson') },
        { path: path.join(shared, 'uk-local-authority-districts-2023.hexjson') },
      ]);
      expect(preview.canCommit).toBe(true);
      app.imports.commit(preview.previewId);
      const map = app.plans.mapData();
      expect(map.boundaries?.features.map((f) => f.code).sort()).toEqual(map.areas.map((a) => a.code).sort());
      expect(map.hexLayout).toHaveLength(10);
      app.plans.dispose();
    },
  );
});
