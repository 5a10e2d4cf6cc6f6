import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlannerError } from '#shared/api/errors.js';
import { measures, type MeasureId } from '#shared/model/measures.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { PlanService } from '../../electron/services/planService.js';
import { builtInTemplate } from '../../electron/services/template.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let service: PlanService;
let summary: PlanSummary;

beforeEach(() => {
  tmp = makeTempDir('planner-invariants-');
  service = new PlanService({ dataDir: path.join(tmp.dir, 'data'), template: builtInTemplate });
  service.newPlan();
  summary = service.summary();
});

afterEach(() => {
  service.dispose();
  tmp.cleanup();
});

const value = (s: PlanSummary['authorities'][number] | PlanSummary['consortium'], measure: MeasureId) =>
  s.headline.find((f) => f.measure === measure)?.value ?? null;

const sumMeasures = (Object.keys(measures) as MeasureId[]).filter((m) => measures[m].aggregation === 'sum');

describe('plan invariants on the built-in Greater Manchester plan', () => {
  it('has no negative counts (only the signed net import may be negative)', () => {
    for (const area of [...summary.authorities, ...summary.comparators]) {
      for (const f of area.headline) {
        if (f.value === null || f.measure === 'netPlacementImport') continue;
        expect(f.value, `${area.name} ${f.measure}`).toBeGreaterThanOrEqual(0);
      }
      for (const s of area.supplyBySector) {
        expect(s.homes).toBeGreaterThanOrEqual(0);
        expect(s.registeredPlaces).toBeGreaterThanOrEqual(s.homes); // every home has at least one place
      }
    }
  });

  it('never has parts that exceed their totals', () => {
    for (const area of summary.authorities) {
      const history = area.history;
      for (const point of history.childrenLookedAfter ?? []) {
        if (point.value === null) continue;
        for (const part of ['childrenInChildrensHomes', 'placedOutsideLaBoundary', 'placedOver20Miles'] as const) {
          const partPoint = history[part]?.find((p) => p.period === point.period);
          if (partPoint?.value != null)
            expect(partPoint.value, `${area.name} ${part} ${point.period}`).toBeLessThanOrEqual(point.value);
        }
      }
      const homes = value(area, 'childrensHomes');
      const bySector = area.supplyBySector.reduce((s, r) => s + r.homes, 0);
      expect(bySector, `${area.name} homes by sector`).toBe(homes);
      const incidents = value(area, 'missingIncidents');
      const children = value(area, 'childrenWithMissingIncident');
      if (incidents !== null && children !== null) expect(incidents).toBeGreaterThanOrEqual(children);
    }
  });

  it('gives every figure a source the plan lists', () => {
    const known = new Set(summary.sources.map((s) => s.id));
    for (const area of [summary.consortium, ...summary.authorities, ...summary.comparators]) {
      for (const f of area.headline) {
        if (f.value === null && f.suppression === null) continue;
        expect(f.sources.length, `${f.measure}`).toBeGreaterThan(0);
        for (const id of f.sources) expect(known.has(id), id).toBe(true);
      }
    }
    for (const a of summary.assumptions) if (a.source !== null) expect(known.has(a.source)).toBe(true);
  });

  it('recomputes consortium totals exactly from the members', () => {
    for (const measure of sumMeasures) {
      const total = summary.consortium.headline.find((f) => f.measure === measure);
      if (!total || total.missingMembers) continue;
      const parts = summary.authorities.map((a) => value(a, measure) ?? 0).reduce((s, v) => s + v, 0);
      expect(total.value, measure).toBe(parts);
    }
    const sectors = summary.consortium.supplyBySector.reduce((s, r) => s + r.registeredPlaces, 0);
    expect(sectors).toBe(value(summary.consortium, 'registeredPlaces'));
  });

  it('matches the published Greater Manchester totals for 31 March 2025', () => {
    expect(summary.consortium.headline.find((f) => f.measure === 'childrenLookedAfter')).toMatchObject({
      period: '2025',
      value: 6119,
    });
    expect(value(summary.consortium, 'childrenInChildrensHomes')).toBe(727);
    expect(value(summary.consortium, 'placedOutsideLaBoundary')).toBe(2618);
    expect(value(summary.consortium, 'placedOver20Miles')).toBe(560);
  });

  it('recomputes totals when membership changes, and marks the plan unsaved', () => {
    const wigan = summary.authorities.find((a) => a.name === 'Wigan');
    if (!wigan) throw new Error('Wigan missing');
    const others = summary.authorities.filter((a) => a !== wigan).map((a) => a.code);
    const state = service.setMembership(others);
    expect(state.dirty).toBe(true);
    const after = service.summary();
    expect(after.consortium.memberCount).toBe(9);
    for (const measure of ['childrenLookedAfter', 'childrenInChildrensHomes', 'registeredPlaces'] as const) {
      expect(value(after.consortium, measure)).toBe(
        (value(summary.consortium, measure) ?? 0) - (value(wigan, measure) ?? 0),
      );
    }
    const choices = service.listAuthorities();
    expect(choices.find((c) => c.onsCode === wigan.code)).toMatchObject({ isMember: false });
    expect(choices.filter((c) => c.isMember)).toHaveLength(9);
  });

  it('refuses membership codes that are not local authorities in the plan', () => {
    expect(() => service.setMembership(['E08000001', 'E99999999'])).toThrow(PlannerError);
    expect(() => service.setMembership(['E92000001'])).toThrow(/Not a local authority/);
    expect(service.summary().consortium.memberCount).toBe(10);
  });

  it('says what the plan is missing and which import fills it', () => {
    const gapMeasures = summary.gaps.map((g) => g.measure);
    expect(gapMeasures).toContain('populationProjection');
    for (const gap of summary.gaps) expect(gap.fillWith.length).toBeGreaterThan(10);
    service.setMembership(['E08000001']);
    expect(service.summary().authorities).toHaveLength(1);
  });
});
