/**
 * The members' children's home places for a scenario context: long-term places by sector at the
 * latest supply snapshot (short-break-only and secure homes excluded, as in the projection; an
 * assumed LA-run share where the plan has no sector rows), and by year where the projection moves
 * supply on from the snapshot, so the baseline's gap is the projection's.
 */
import type { ProjectionResult } from '../../forecast/types.js';
import type { PlanData } from '../../model/summarise.js';
import { homeSectors } from '../../model/supply.js';
import type { MemberSupply, ScenarioMember } from '../types.js';

/** Supply at the latest snapshot. */
export function supplyAtSnapshot(
  data: PlanData,
  projection: ProjectionResult,
  members: readonly ScenarioMember[],
  codes: readonly string[],
  warnings: string[],
): { supply: MemberSupply[]; supplyPeriod: string | null } {
  const memberSet = new Set(codes);
  const rows = data.supply.filter((r) => memberSet.has(r.area) && r.homeType === 'childrensHome');
  const supplyPeriod = rows.reduce<string | null>((p, r) => (p === null || r.period > p ? r.period : p), null);
  const supply: MemberSupply[] = members.map((m) => {
    const own = rows.filter((r) => r.area === m.code && r.period === supplyPeriod);
    const bySector = (sectors: readonly string[]) =>
      own.filter((r) => sectors.includes(r.sector)).reduce((s, r) => s + r.registeredPlaces, 0);
    return {
      code: m.code,
      laRun: bySector(['Local Authority']),
      voluntary: bySector(['Voluntary']),
      private: bySector(homeSectors.filter((s) => s !== 'Local Authority' && s !== 'Voluntary')),
    };
  });
  if (supplyPeriod === null) {
    // No sector rows: take the projection's registered places, with the assumed LA-run share.
    const laRunShare = 0.14;
    supply.forEach((s) => {
      const registered = projection.areas.find((a) => a.code === s.code)?.years[0]?.registeredPlaces ?? 0;
      s.laRun = Math.round(registered * laRunShare);
      s.private = registered - s.laRun;
    });
    warnings.push(
      'The plan has no children’s homes supply by sector: registered places are split with an assumed LA-run share of 14% (England, 31 March 2023: 407 of 2,814 active children’s homes were LA-run, Ofsted).',
    );
  }
  return { supply, supplyPeriod };
}

/**
 * Supply by year where the projection moves it on from the snapshot: the same places the
 * projection's gap counts, so the baseline's gap is the projection's.
 */
export function supplyByYear(supply: readonly MemberSupply[], projection: ProjectionResult): void {
  supply.forEach((s) => {
    const years = projection.areas.find((a) => a.code === s.code)?.years ?? [];
    const moves = years.some(
      (y) => y.registeredPlaces !== s.laRun + s.private + s.voluntary || (y.laRunPlaces ?? s.laRun) !== s.laRun,
    );
    // Only a projection that states its supply by year (laRunPlaces) moves it.
    if (!moves || years.length !== projection.years.length || years.some((y) => y.laRunPlaces === undefined)) return;
    const open = s.private + s.voluntary;
    const privateShare = open > 0 ? s.private / open : 1;
    const laRun = years.map((y) => Math.max(0, y.laRunPlaces ?? s.laRun));
    const market = years.map((y, h) => Math.max(0, y.registeredPlaces - (laRun[h] ?? 0)));
    s.byYear = {
      laRun,
      private: market.map((m) => m * privateShare),
      voluntary: market.map((m) => m * (1 - privateShare)),
    };
  });
}
