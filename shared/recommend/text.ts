/**
 * A recommendation in words, line by line (the command line prints these; the UI may show them):
 * the homes in rank order with what each adds, the recommendation against the baseline, the
 * runner-up and how often the choice holds, the value of £1m more, the assumptions that would change
 * the choice, and how the answer was reached.
 */
import { financialYear } from '../scenario/years.js';
import type { Recommendation, SetFigures } from './types.js';

const one = (v: number): string => (Math.round(v * 10) / 10).toFixed(1);
const money = (v: number): string => {
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  return a >= 999_500 ? `${sign}£${(a / 1e6).toFixed(1)}m` : `${sign}£${Math.round(a).toLocaleString('en-GB')}`;
};
const pct = (v: number): string => `${Math.round(v * 100)}%`;
const signed = (v: number): string => (v > 0 ? `+${money(v)}` : money(v));
type Home = { name: string; places: number; openingYear: string };
const homeText = (h: Home): string => `${h.name} ${h.places} places from ${financialYear(h.openingYear)}`;
const changes = (added: Home[], dropped: Home[]): string =>
  added.length || dropped.length
    ? ` (${[...added.map((h) => `adds ${homeText(h)}`), ...dropped.map((h) => `drops ${homeText(h)}`)].join('; ')})`
    : '';

const needWords: Record<Recommendation['homes'][number]['needType'], string> = {
  mainstream: 'mainstream',
  soloComplex: 'for solo or complex needs',
};

const objectiveWords: Record<Recommendation['objective'], string> = {
  local: 'fewest children placed outside the consortium',
  distance: 'fewest children placed more than 20 miles from home',
  cost: 'lowest whole-life cost (NPV, residual value credited)',
};

function objectiveValue(r: Recommendation, f: SetFigures): string {
  return r.objective === 'cost' ? money(f.npv) : `${one(f.objective)} child-years`;
}

export function recommendationText(r: Recommendation): string[] {
  const lines: string[] = [];
  lines.push(
    `Recommended homes for ${objectiveWords[r.objective]}, within ${money(r.budget)} of capital${r.runningCostCeiling !== null ? ` and ${money(r.runningCostCeiling)} a year of running costs` : ''}:`,
  );
  if (r.homes.length === 0)
    lines.push('  None: no home within the budget improves on the baseline for this objective.');
  for (const h of r.homes) {
    const a = h.adds;
    lines.push(
      `  ${h.rank}. ${h.name}: ${h.places} places from ${h.openingFinancialYear}${r.needTypes.shares ? `, ${needWords[h.needType]}` : ''} (capital ${money(h.capitalCost)}, running ${money(h.runningCostPerYear)} a year) — ` +
        `${one(a.placedInConsortium)} child-years more placed in the consortium (${one(a.placedOwnLa)} in their own authority), ` +
        `${one(a.over20MilesAvoided)} placements 20+ miles avoided, ${one(a.missingIncidentsAvoided)} missing incidents avoided, ` +
        `cost ${signed(a.costChange)}, NPV ${signed(a.npvChange)}`,
    );
  }
  const b = r.baseline;
  const m = r.recommended;
  lines.push(
    `Over the horizon (child-years, mean over ${r.method.finalPaths}): placed outside the consortium ${one(b.placedOutside + b.unmet)} → ${one(m.placedOutside + m.unmet)}; ` +
      `20+ miles ${one(b.over20Miles)} → ${one(m.over20Miles)}; missing incidents ${one(b.expectedMissingIncidents)} → ${one(m.expectedMissingIncidents)}; ` +
      `cost ${money(b.totalCost)} → ${money(m.totalCost)}; NPV ${money(b.npv)} → ${money(m.npv)}.`,
  );
  if (r.runnerUp) {
    const names =
      r.runnerUp.homes.map((h) => `${h.name} ${h.places} from ${financialYear(h.openingYear)}`).join(', ') ||
      'no homes';
    const holds = r.holdsAcrossSimulations;
    lines.push(
      `Runner-up: ${names} (${objectiveValue(r, r.runnerUp.figures)} against ${objectiveValue(r, m)}).` +
        (holds
          ? ` The recommendation does at least as well in ${pct(holds.atLeastAsGood)} of ${holds.simulations} simulations (strictly better in ${pct(holds.better)}).`
          : ''),
    );
  }
  if (r.nextMillion) {
    const n = r.nextMillion;
    lines.push(
      `£1m more capital: ${r.objective === 'cost' ? `NPV ${money(-n.objectiveGain)}` : `${one(n.objectiveGain)} child-years better`}` +
        (n.homes.length
          ? ` (adding ${n.homes.map((h) => `${h.places} places in ${h.name} from ${financialYear(h.openingYear)}`).join(', ')})`
          : ' (no further home helps)') +
        '.',
    );
  }
  for (const s of r.sensitivity) {
    const value = s.unit.startsWith('£') ? money(s.value) : pct(s.value);
    const across = s.holdsAcrossSimulations;
    lines.push(
      `${s.label} (${value}): ${s.holds ? 'the choice holds' : 'the choice changes'}${changes(s.added, s.dropped)}` +
        (across && (s.added.length || s.dropped.length)
          ? `; at this value the recommendation does at least as well as the re-run's pick in ${pct(across.atLeastAsGood)} of ${across.simulations} simulations`
          : '') +
        '.',
    );
  }
  lines.push(`Need types: ${r.needTypes.note}`);
  lines.push(
    `Method: ${r.method.description} ${r.method.candidates} candidates, ${r.method.setsEvaluated} sets evaluated, ${(r.method.milliseconds / 1000).toFixed(1)} s.`,
  );
  lines.push(
    `Assumptions: ${r.assumptions.map((a) => `${a.label.toLowerCase()} ${a.unit.startsWith('£') ? money(a.value) : a.value} (${a.rationale})`).join('; ')}`,
  );
  for (const w of r.warnings) lines.push(`Warning: ${w}`);
  return lines;
}
