/**
 * Conformance of the reference-compatible mode (`sf-regional`) with Social Finance's regional
 * demand model, on that model's own sample data (../shared/data/ssda903_regional_sample, all
 * three LAs pooled). Reference figures: reference window the last 12 months of data (to
 * 31 March 2022), projecting from 31 March 2022.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSsda903 } from '#shared/import/ssda903/index.js';
import { fitStockFlow, projectStockFlow } from '#shared/forecast/stockflow/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sampleDir = path.resolve(here, '../../../shared/data/ssda903_regional_sample');
const hasData = fs.existsSync(sampleDir);

/** The reference implementation's totals in care, months ahead → children. */
const referenceTotals: Record<number, number> = { 6: 68.86, 12: 55.55, 18: 45.15, 24: 37.12 };
/** And its split by category at 12 months. */
const referenceAt12 = { foster: 34.44, residential: 7.58, supported: 4.89, other: 8.64 };

function withinOnePercent(ours: number, reference: number): void {
  expect(Math.abs(ours - reference) / reference, `ours ${ours.toFixed(4)} vs reference ${reference}`).toBeLessThan(
    0.01,
  );
}

describe.skipIf(!hasData)(
  hasData
    ? 'sf-regional conformance with the reference model on ssda903_regional_sample'
    : 'sf-regional conformance (skipped: ../shared/data is absent)',
  () => {
    const load = () => {
      const files = ['header.csv', 'episodes.csv', 'uasc.csv'].map((name) => ({
        name,
        text: fs.readFileSync(path.join(sampleDir, name), 'utf8'),
      }));
      const { dataset } = importSsda903(files);
      const model = fitStockFlow(dataset.episodes, dataset.children, {
        mode: 'sf-regional',
        referenceStart: '2021-03-31',
        referenceEnd: '2022-03-31',
        projectionStart: '2022-03-31',
      });
      return projectStockFlow(model, { horizonMonths: 24, reportMonths: [6, 12, 18, 24] });
    };

    it('starts from the same stock: 86 = foster 55, residential 12, supported 9, other 10', () => {
      const { start, startDate } = load();
      expect(startDate).toBe('2022-03-31');
      expect(start.total.mean).toBe(86);
      expect(start.byCategory.foster!.mean).toBe(55);
      expect(start.byCategory.residential!.mean).toBe(12);
      expect(start.byCategory.supported!.mean).toBe(9);
      expect(start.byCategory.other!.mean).toBe(10);
    });

    it('matches the reference totals at 6, 12, 18 and 24 months within 1%', () => {
      const { points } = load();
      expect(points.map((p) => p.month)).toEqual([6, 12, 18, 24]);
      for (const p of points) withinOnePercent(p.total.mean, referenceTotals[p.month]!);
    });

    it('matches the reference split by category at 12 months within 1%', () => {
      const at12 = load().points.find((p) => p.month === 12)!;
      withinOnePercent(at12.byCategory.foster!.mean, referenceAt12.foster);
      withinOnePercent(at12.byCategory.residential!.mean, referenceAt12.residential);
      withinOnePercent(at12.byCategory.supported!.mean, referenceAt12.supported);
      withinOnePercent(at12.byCategory.other!.mean, referenceAt12.other);
    });
  },
);
