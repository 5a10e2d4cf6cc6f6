/**
 * How `planner project` prints the getProjection result: the JSON document (--json), and the text
 * table of demand, beds needed, places and gap by year with the gap's parts, what moves it, and the
 * backtest of the same method.
 */
import type { CallResults } from '#shared/api/contract.js';
import { gapDriverSentence } from '#shared/forecast/assumptionUncertainty.js';

export function projectionJson(result: CallResults['getProjection']) {
  const { projection, backtest } = result;
  const area = (a: (typeof projection.areas)[number]) => ({
    code: a.code,
    name: a.name,
    history: a.history,
    years: a.years.map((y) => ({
      year: y.year,
      demand: y.demand,
      bedsNeeded: y.bedsNeeded,
      registeredPlaces: y.registeredPlaces,
      accessiblePlaces: y.accessiblePlaces,
      gap: y.gap,
      probabilityNeedExceedsAccessible: y.probabilityNeedExceedsAccessible,
    })),
    ...(a.base ? { base: a.base } : {}),
    ...(a.years.some((y) => y.gapDemandOnly)
      ? { gapDemandOnly: a.years.map((y) => ({ year: y.year, gap: y.gapDemandOnly ?? null })) }
      : {}),
    ...(a.decomposition ? { decomposition: a.decomposition } : {}),
    ...(a.model ? { model: a.model } : {}),
  });
  return {
    method: projection.method,
    baseYear: projection.baseYear,
    years: projection.years,
    simulations: projection.simulations,
    seed: projection.seed,
    uncertainty: projection.uncertainty,
    consortium: area(projection.consortium),
    authorities: projection.areas.map(area),
    assumptions: projection.assumptions,
    assumptionRanges: projection.assumptionRanges ?? [],
    tornado: projection.tornado ?? [],
    tornadoSentence:
      projection.tornado?.length && projection.consortium.years.length
        ? gapDriverSentence(
            projection.tornado,
            projection.consortium.years.at(-1)?.year ?? '',
            projection.consortium.years.at(-1)?.gap.p50 ?? NaN,
          )
        : null,
    reconciliation: projection.reconciliation ?? [],
    accessShares: projection.accessShares ?? [],
    warnings: projection.warnings,
    backtest: backtest && {
      origins: backtest.origins,
      minHistoryYears: backtest.minHistoryYears,
      authorities: {
        method: backtest.horizons,
        lastValue: backtest.baselines.lastValue,
        linearTrend: backtest.baselines.linearTrend,
      },
      consortium: backtest.consortium,
      notes: backtest.notes,
    },
  };
}

export function projectionText(
  result: CallResults['getProjection'],
  probabilityWords: (typeof import('#shared/forecast/beds/probability.js'))['probabilityWords'],
): string {
  const { projection } = result;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
  const lines = [
    `${projection.consortium.name}: children needing a secure or children's home place, beds and gap (${projection.method} method, ${projection.simulations} simulations)`,
    'Year   Demand P10 / P50 / P90     Beds needed (P50)  Accessible places  Gap P50   P(short)',
  ];
  const base = projection.consortium.base;
  if (base && base.children !== null && base.bedsNeeded !== null && base.gap !== null) {
    // Year 0: the latest observed position by the same definitions.
    lines.push(
      `${base.year}   ${'observed'.padStart(13)} ${fmt(base.children).padStart(5)}         ${fmt(base.bedsNeeded).padStart(17)}  ${fmt(base.places.accessible).padStart(17)}  ${fmt(base.gap).padStart(7)}   year 0`,
    );
  }
  for (const y of projection.consortium.years) {
    const chance = probabilityWords(y.probabilityNeedExceedsAccessible, y.probabilityInformative);
    lines.push(
      `${y.year}   ${fmt(y.demand.p10).padStart(5)} / ${fmt(y.demand.p50).padStart(5)} / ${fmt(y.demand.p90).padStart(5)}   ${fmt(y.bedsNeeded.p50).padStart(17)}  ${fmt(y.accessiblePlaces).padStart(17)}  ${fmt(y.gap.p50).padStart(7)}   ${chance.informative ? chance.text.padStart(4) : chance.text}`,
    );
  }
  const parts = projection.consortium.decomposition?.at(-1);
  if (base && parts) {
    const signed = (x: number) => `${x >= 0.5 ? '+' : x <= -0.5 ? '−' : ''}${fmt(Math.abs(x))}`;
    lines.push(
      '',
      `The ${parts.year} median gap of ${fmt(parts.gap)} beds, in parts: today's shortfall ${fmt(parts.todayShortfall)} (${base.year} children beyond accessible places), growth in need ${signed(parts.growthInNeed)}, occupancy headroom ${signed(parts.occupancyHeadroom)}, supply change ${signed(parts.supplyChange)}.`,
    );
    if (projection.tornado?.length) {
      const input = (key: string, v: number) =>
        key === 'demand' || key === 'supply' ? fmt(v) : `${Math.round(v * 100)}%`;
      lines.push(
        `What moves it (each input at the ends of its range, the others held): ${projection.tornado
          .map(
            (b) =>
              `${b.label} ${input(b.key, b.lowInput)}–${input(b.key, b.highInput)}: ${fmt(b.gapAtLow)} to ${fmt(b.gapAtHigh)}`,
          )
          .join('; ')}.`,
        gapDriverSentence(projection.tornado, parts.year, parts.gap),
      );
    }
    const rec = projection.reconciliation?.at(-1);
    if (rec) {
      lines.push(
        `The consortium's ${rec.year} gap (${fmt(rec.consortium)}) against the sum of its members' gaps (${fmt(rec.sumOfMembers)}): less ${fmt(rec.pooledAccess)} open-market places in other members a consortium child can also use, ${rec.mediansDoNotAdd >= 0 ? 'plus' : 'less'} ${fmt(Math.abs(rec.mediansDoNotAdd))} because medians do not add${Math.abs(rec.other) >= 0.5 ? `, ${fmt(rec.other)} other` : ''}.`,
      );
    }
    const w = base.placedWhere;
    if (w) {
      lines.push(
        `In ${base.year}: ${fmt(w.ownLa)} children placed in their own authority, ${fmt(w.elsewhereInConsortium)} elsewhere in the consortium, ${fmt(w.outside)} outside it (placement flows ${w.period}: ${w.sources.join(', ')}); places: ${fmt(base.places.laRun)} LA-run, ${fmt(base.places.contracted)} contracted, ${fmt(base.places.openMarket)} private and voluntary${base.places.snapshot ? ` (Ofsted ${base.places.snapshot}${base.places.movedOn ? `, moved on to ${base.year} by openings and closures` : ''})` : ''}.`,
      );
    }
    const own = projection.accessShares;
    if (own?.length) {
      const pc = (v: number) => `${Math.round(v * 100)}%`;
      lines.push(
        `Each member's own share of its open market (estimated from published figures unless marked; --json for the sources): ${own
          .map(
            (a) =>
              `${a.name} ${pc(a.share)} (${pc(a.low)}–${pc(a.high)})${a.basis === 'national' ? ' national figure' : a.basis === 'set' ? ' set for all' : ''}${a.limit ? ' [cannot reproduce its inside share]' : ''}`,
          )
          .join('; ')}.`,
      );
    }
  }
  if (result.backtest) {
    lines.push(
      '',
      'Backtest (authorities, rolling origin): horizon, pairs, MAE, MAPE, 80% coverage — method | last value | linear trend',
    );
    const b = result.backtest;
    for (const h of b.horizons) {
      const lv = b.baselines.lastValue.find((x) => x.h === h.h);
      const lt = b.baselines.linearTrend.find((x) => x.h === h.h);
      const cell = (a: typeof h | undefined) =>
        a
          ? `${a.mae?.toFixed(1) ?? '—'} / ${a.mape?.toFixed(1) ?? '—'}% / ${a.coverage80 === null ? '—' : `${Math.round(a.coverage80 * 100)}%`}`
          : '—';
      lines.push(`  h=${h.h} n=${h.n}: ${cell(h)} | ${cell(lv)} | ${cell(lt)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
