/**
 * The dataset build's reading of Ofsted's children's social care providers list: children's homes and registered places by authority, sector, type of home and judgement.
 */
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import type { HomeSector, HomeType, OfstedJudgement, SupplyRow } from '#shared/model/supply.js';
import { homeSectors, ofstedJudgements } from '#shared/model/supply.js';
import { Table, cell, normaliseName } from './table.js';
import type { Reader } from './inputs.js';
import { AreaResolver, type Sink } from './observations.js';
import { ENGLAND, FILES, OFSTED_PERIOD, SOURCE_IDS, baseName } from './sources.js';

// ---------------------------------------------------------------------------------------------
// Ofsted providers

interface OfstedCounts {
  homes: number;
  places: number;
}

/** Provision types taken into supply (normalised, case-insensitive) and the type of home each is. */
const supplyProvisionTypes: ReadonlyMap<string, HomeType> = new Map([
  ["children's home", 'childrensHome'],
  ["secure children's home", 'secure'],
]);

const sectorByName: ReadonlyMap<string, HomeSector> = new Map(homeSectors.map((s) => [normaliseName(s), s]));
const judgementByName: ReadonlyMap<string, OfstedJudgement> = new Map(
  ofstedJudgements.filter((j) => j !== 'Not yet inspected').map((j) => [normaliseName(j), j]),
);

function ofstedJudgement(raw: string, where: string): OfstedJudgement {
  if (raw === '') return 'Not yet inspected';
  const judgement = judgementByName.get(normaliseName(raw));
  if (!judgement) throw new Error(`${where}: unknown Ofsted judgement "${raw}".`);
  return judgement;
}

interface OfstedResult {
  supply: SupplyRow[];
  /** Supply rows of homes filed under abolished authorities (area = the abolished authority's code). */
  leftOutSupply: SupplyRow[];
  /** Suspended children's homes and secure homes left out, by LA name. */
  suspended: Map<string, number>;
}

/**
 * Reads the Ofsted provider-level sheet: homes and places observations for every current LA, each
 * region and England, and supply rows by LA, sector, type of home and judgement. Only homes whose
 * registration status is Active are counted.
 */
export function readOfsted(
  read: Reader,
  resolver: AreaResolver,
  regions: ReadonlyMap<string, string>,
  into: Sink,
): OfstedResult {
  const file = FILES.ofsted;
  // Three title rows, header on row 4; find it by name rather than trusting the position.
  const table = new Table(file, read(file), (rows) => {
    const index = rows.findIndex((r) => {
      const names = r.map(normaliseName);
      return names.includes('urn') && names.includes('provision type');
    });
    if (index < 0) throw new Error(`${file}: no header row with "URN" and "Provision type".`);
    return index;
  });
  const urnCol = table.column('URN');
  const typeCol = table.column('Provision type');
  const statusCol = table.column('Registration status');
  const laCol = table.column('Local authority');
  const regionCol = table.column('Government Office Region');
  const sectorCol = table.column('Sector');
  const placesCol = table.column('Places');
  const shortBreakCol = table.column("Short-break-only children's home");
  const judgementCol = table.column('Overall experiences and progress of children and young people');

  const regionByName = new Map([...regions].map(([code, name]) => [normaliseName(name), code]));
  const counts = new Map<string, OfstedCounts>([[ENGLAND, { homes: 0, places: 0 }]]);
  for (const code of regions.keys()) counts.set(code, { homes: 0, places: 0 });
  for (const a of resolver.authorities) if (a.status === 'current') counts.set(a.onsCode, { homes: 0, places: 0 });
  const supply = new Map<string, SupplyRow>();
  const suspended = new Map<string, number>();
  /** Successors of abolished authorities under which the sheet still files homes (no figure of their own). */
  const successorsWithoutFigures = new Set<string>();
  /** Homes (all supply types) filed under abolished authorities, which have no area of their own. */
  const abolished = new Map<string, OfstedCounts>();
  /** Long-term children's homes filed under abolished authorities, by authority. */
  const abolishedLongTerm = new Map<ReferenceAuthority, OfstedCounts>();
  const seen = new Set<string>();

  for (const { line, cells } of table.rows) {
    const where = `${file} line ${line}`;
    const urn = cell(cells, urnCol);
    if (urn === '') continue;
    if (seen.has(urn)) throw new Error(`${where}: URN ${urn} appears twice.`);
    seen.add(urn);
    const laName = cell(cells, laCol);
    const authority = resolver.byName(laName, where);
    const region = cell(cells, regionCol);
    if (normaliseName(region) !== normaliseName(authority.regionName)) {
      throw new Error(
        `${where}: a home in ${authority.name} with Government Office Region "${region}", expected "${authority.regionName}".`,
      );
    }
    if (authority.status === 'abolished') for (const s of authority.successorCodes) successorsWithoutFigures.add(s);

    const provisionType = supplyProvisionTypes.get(normaliseName(cell(cells, typeCol)));
    if (!provisionType) continue;
    const status = normaliseName(cell(cells, statusCol));
    if (status === 'suspended') {
      suspended.set(laName, (suspended.get(laName) ?? 0) + 1);
      continue;
    }
    if (status !== 'active') throw new Error(`${where}: unknown registration status "${cell(cells, statusCol)}".`);
    const placesText = cell(cells, placesCol).replace(/,/g, '');
    if (!/^\d+$/.test(placesText)) throw new Error(`${where}: home ${urn} has no number of places.`);
    const places = Number(placesText);
    const shortBreakOnly = cell(cells, shortBreakCol) !== '';
    const homeType: HomeType =
      provisionType === 'secure' ? 'secure' : shortBreakOnly ? 'shortBreakOnly' : 'childrensHome';

    if (homeType === 'childrensHome') {
      const regionCode = regionByName.get(normaliseName(region));
      if (!regionCode) throw new Error(`${where}: Government Office Region "${region}" is not an English region.`);
      const targets = [ENGLAND, regionCode];
      if (authority.status === 'current') targets.push(authority.onsCode);
      else {
        const c = abolishedLongTerm.get(authority) ?? { homes: 0, places: 0 };
        c.homes += 1;
        c.places += places;
        abolishedLongTerm.set(authority, c);
      }
      for (const target of targets) {
        const c = counts.get(target);
        if (!c) continue;
        c.homes += 1;
        c.places += places;
      }
    }

    const sector = sectorByName.get(normaliseName(cell(cells, sectorCol))) ?? 'Other';
    const judgement = ofstedJudgement(cell(cells, judgementCol), where);
    if (authority.status === 'abolished') {
      const c = abolished.get(authority.name) ?? { homes: 0, places: 0 };
      c.homes += 1;
      c.places += places;
      abolished.set(authority.name, c);
    }
    const key = `${authority.onsCode}|${sector}|${homeType}|${judgement}`;
    const row = supply.get(key) ?? {
      area: authority.onsCode,
      period: OFSTED_PERIOD,
      sector,
      homeType,
      judgement,
      homes: 0,
      registeredPlaces: 0,
      source: SOURCE_IDS.ofsted,
    };
    row.homes += 1;
    row.registeredPlaces += places;
    supply.set(key, row);
  }

  for (const [name, c] of abolished) {
    resolver.leaveOut(
      file,
      `${name}, ${c.homes} homes with ${c.places} places`,
      'abolished; counted in its region and England only',
      OFSTED_PERIOD,
    );
  }
  for (const code of successorsWithoutFigures) counts.delete(code);
  for (const [area, c] of counts) {
    const values = [
      ['childrensHomes', c.homes],
      ['registeredPlaces', c.places],
    ] as const;
    for (const [measure, value] of values) {
      into.observations.add(
        { area, measure, period: OFSTED_PERIOD, value, suppression: null, source: SOURCE_IDS.ofsted },
        file,
      );
    }
  }
  for (const [authority, c] of abolishedLongTerm) {
    for (const [measure, value] of [
      ['childrensHomes', c.homes],
      ['registeredPlaces', c.places],
    ] as const) {
      into.leftOut.push({
        file: baseName(file),
        code: authority.onsCode,
        name: authority.name,
        regionCode: authority.regionCode,
        measure,
        period: OFSTED_PERIOD,
        value,
        suppression: null,
      });
    }
  }
  const current = new Set(resolver.authorities.filter((a) => a.status === 'current').map((a) => a.onsCode));
  const rows = [...supply.values()];
  return {
    supply: rows.filter((r) => current.has(r.area)),
    leftOutSupply: rows.filter((r) => !current.has(r.area)),
    suspended,
  };
}
