/**
 * `planner new --out FILE (--members … | --region NAME | --all-england) [--name TEXT]`: a new plan
 * file from the built-in national data, through the API calls listConsortiumPresets,
 * openPlanForChanges (refusing to overwrite), savePlan and getPlanSummary.
 */
import path from 'node:path';
import type { PlannerHandlers } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { findRegion, type ConsortiumChoice } from '#shared/model/consortia.js';
import { callHandler } from '../../services/dispatch.js';
import { UsageError, type CliIo } from '../args.js';
import { cliHandlers, loadBuiltInTemplate, withCliContext } from '../session.js';

interface NewOptions {
  out: string;
  name?: string;
  members?: string[];
  region?: string;
  allEngland: boolean;
}

function parseNewArgs(args: readonly string[]): NewOptions {
  let out: string | undefined;
  const options: Omit<NewOptions, 'out'> = { allEngland: false };
  const value = (flag: string, v: string | undefined) => {
    if (!v || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = path.resolve(value('--out', args[++i]));
    else if (arg === '--name') options.name = value('--name', args[++i]);
    else if (arg === '--members')
      options.members = value('--members', args[++i])
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
    else if (arg === '--region') options.region = value('--region', args[++i]);
    else if (arg === '--all-england') options.allEngland = true;
    else throw new UsageError(`Unknown option for new: ${arg}`);
  }
  if (!out) throw new UsageError('new needs --out FILE.');
  const chosen = [options.members, options.region, options.allEngland || undefined].filter((x) => x !== undefined);
  if (chosen.length !== 1) throw new UsageError('new needs exactly one of --members, --region or --all-england.');
  return { out, ...options };
}

/** The consortium `new` asked for, resolved against the built-in areas (names or codes for members). */
async function consortiumFromArgs(handlers: Partial<PlannerHandlers>, options: NewOptions): Promise<ConsortiumChoice> {
  const presets = await callHandler(handlers, 'listConsortiumPresets', {});
  if (options.allEngland) {
    const england = presets.find((p) => p.id === 'england');
    if (!england) throw new PlannerError('INTERNAL', 'The built-in data holds no authorities.');
    return { name: options.name ?? england.name, members: england.members };
  }
  if (options.region) {
    const region = findRegion((await loadBuiltInTemplate()).areas, options.region);
    const preset = region && presets.find((p) => p.id === `region:${region.code}`);
    if (!preset) {
      const names = presets.filter((p) => p.kind === 'region').map((p) => p.name);
      throw new UsageError(`There is no region called "${options.region}". The regions are: ${names.join(', ')}.`);
    }
    return { name: options.name ?? preset.name, members: preset.members };
  }
  const { authorityLookup } = await import('../../services/reference.js');
  const members = (options.members ?? []).map((m) => {
    const found = authorityLookup.byCode(m.toUpperCase()) ?? authorityLookup.byName(m);
    if (!found) throw new UsageError(`"${m}" is not an English upper-tier authority (give an ONS code or a name).`);
    return found.onsCode;
  });
  return { name: options.name ?? 'Consortium', members: [...new Set(members)] };
}

export async function runNew(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseNewArgs(args);
  const { withPlanExtension } = await import('../../services/planService.js');
  await loadBuiltInTemplate();
  const target = withPlanExtension(options.out);
  return withCliContext(async (context) => {
    const handlers = await cliHandlers(context, ['plan']);
    const consortium = await consortiumFromArgs(handlers, options);
    // the lock is taken before looking, so two runs cannot both create the file
    await callHandler(handlers, 'openPlanForChanges', { path: target, consortium, mustNotExist: true });
    await callHandler(handlers, 'savePlan', {});
    const summary = await callHandler(handlers, 'getPlanSummary', {});
    io.stdout(
      `Created ${target}: ${summary.consortium.name}, ${summary.consortium.memberCount} member authorit${summary.consortium.memberCount === 1 ? 'y' : 'ies'}.\n`,
    );
    return 0;
  });
}
