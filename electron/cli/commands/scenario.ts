/**
 * `planner scenario list|run|compare|schema`: the plan's co-commissioning scenarios, listed, run or
 * compared with the baseline (scenario files given with --levers saved first), through the
 * listScenarios, saveScenario and runScenarios calls on the plan (or a new plan); `schema` prints the
 * JSON Schema of a scenario file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { plainIssue } from '#shared/api/fieldNames.js';
import { PlannerError } from '#shared/api/errors.js';
import { callHandler } from '../../services/dispatch.js';
import { intArg, planFileArg, UsageError, type CliIo } from '../args.js';
import { scenarioIdByName } from '../scenarioNames.js';
import { withPlanCalls } from '../session.js';

export async function runScenarioCli(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { needsRepairMessage, scenarioJsonSchema, scenarioSchema } = await import('#shared/scenario/index.js');
  if (sub === 'schema') {
    if (rest.length) throw new UsageError('scenario schema takes no options.');
    io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (sub !== 'list' && sub !== 'run' && sub !== 'compare')
    throw new UsageError('scenario needs list, run, compare or schema.');
  let plan: string | undefined;
  let json = false;
  const names: string[] = [];
  const leverFiles: string[] = [];
  let sims: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--plan') plan = rest[++i];
    else if (arg === '--scenario') names.push(rest[++i] ?? '');
    else if (arg === '--levers') leverFiles.push(rest[++i] ?? '');
    else if (arg === '--sims') sims = intArg('--sims', rest[++i], 0, 5000);
    else if (arg === '--seed') seed = intArg('--seed', rest[++i], 0, 2_147_483_647);
    else throw new UsageError(`Unknown option for scenario ${sub}: ${arg}`);
  }
  const planFile = plan === undefined ? undefined : planFileArg(plan);
  if (names.some((n) => !n || n.startsWith('--'))) throw new UsageError('--scenario needs a scenario name.');
  if (leverFiles.some((f) => !f || f.startsWith('--'))) throw new UsageError('--levers needs a JSON file.');
  return withPlanCalls(planFile, ['scenario'], async (handlers) => {
    const stored = await callHandler(handlers, 'listScenarios', {});
    if (sub === 'list') {
      const rows = stored.map((s) => ({
        id: s.id,
        name: s.name,
        illustrative: s.illustrative,
        editable: s.editable,
        levers: s.levers.length,
        notes: s.notes,
      }));
      io.stdout(
        json
          ? `${JSON.stringify(rows, null, 2)}\n`
          : rows
              .map(
                (r) =>
                  `${r.name}${r.illustrative ? ' (illustrative)' : ''}: ${r.levers} lever${r.levers === 1 ? '' : 's'}`,
              )
              .join('\n') + '\n',
      );
      return 0;
    }
    const ids = names.map((name) => scenarioIdByName(stored, name));
    for (const file of leverFiles) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
      } catch (error) {
        throw new PlannerError('INVALID_ARGUMENT', `${file} is not readable JSON: ${(error as Error).message}`);
      }
      const checked = scenarioSchema.safeParse(parsed);
      if (!checked.success) {
        throw new PlannerError(
          'INVALID_ARGUMENT',
          `${file} is not a valid scenario: ${checked.error.issues.map((i) => plainIssue(i.path, i.message)).join('; ')}`,
        );
      }
      await callHandler(handlers, 'saveScenario', { scenario: checked.data });
      ids.push(checked.data.id);
    }
    const chosen = ids.length
      ? ids
      : stored
          .filter((s) => s.editable)
          .map((s) => s.id)
          .slice(0, 4);
    const result = await callHandler(handlers, 'runScenarios', {
      ids: chosen,
      ...(sims !== undefined ? { simulations: sims } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    const skipped = { needsRepair: result.needsRepair };
    const report =
      sub === 'compare'
        ? { baseline: result.baseline, outcomes: result.outcomes, comparison: result.comparison, ...skipped }
        : { baseline: result.baseline, outcomes: result.outcomes, ...skipped };
    if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const money = (x: number) => `${x < 0 ? '−' : ''}£${(Math.abs(x) / 1_000_000).toFixed(1)}m`;
      const lines = [
        `Scenario: ${result.baseline.years.length}-year totals (child-years): own LA / elsewhere in consortium / outside / unmet; 20+ miles share; missing incidents; cost; NPV`,
      ];
      for (const o of [result.baseline, ...result.outcomes]) {
        const t = o.totals;
        lines.push(
          `${o.scenario.name}${o.scenario.illustrative ? ' (illustrative)' : ''}: ${t.placedOwnLa} / ${t.placedElsewhereInConsortium} / ${t.placedOutside} / ${t.unmet}; ${(t.over20MilesShare * 100).toFixed(1)}%; ${Math.round(t.expectedMissingIncidents)}; ${money(t.cost.total)}; ${money(o.npv.total)}`,
          `  of the cost: travel and staff time ${money(t.cost.travel)}, missing incidents ${money(t.cost.missingEpisodes)}${t.cost.residualValue !== 0 ? `, residual value of new homes ${money(t.cost.residualValue)}` : ''}`,
        );
        // Compare: what each lever did (or why it changed nothing) and each block contract's break-even.
        const difference = sub === 'compare' ? result.comparison.scenarios.find((d) => d.id === o.scenario.id) : null;
        for (const note of difference?.notes ?? []) lines.push(`  ${note}`);
      }
      for (const o of [result.baseline, ...result.outcomes]) {
        const p = o.totals.percentiles.totalCost;
        lines.push(
          '',
          `${o.scenario.name}: cost ${money(o.totals.cost.total)}, 80% range ${money(p.p10)}–${money(p.p90)} (demand, and the cost assumptions drawn in every simulation).`,
        );
        const s = o.sensitivity;
        if (s) {
          lines.push(s.costSentence, s.gapSentence);
          lines.push(
            `What moves the cost (each input at the ends of its range, the others held): ${s.cost
              .map((b) => `${b.label}: ${money(b.atLow)} to ${money(b.atHigh)}`)
              .join('; ')}.`,
          );
        }
      }
      for (const r of result.needsRepair ?? []) lines.push(`Skipped: ${needsRepairMessage(r)}`);
      io.stdout(`${lines.join('\n')}\n`);
    }
    return 0;
  });
}
