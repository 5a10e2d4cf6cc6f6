/**
 * Supply: where children's homes are and how many registered places they have, by host LA,
 * sector, type of home and Ofsted judgement. A home's location is known only to LA level.
 */
export const homeSectors = ['Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other'] as const;
export type HomeSector = (typeof homeSectors)[number];

/** Short-break-only homes offer respite, not long-term places; secure homes are a separate market. */
export const homeTypes = ['childrensHome', 'shortBreakOnly', 'secure'] as const;
export type HomeType = (typeof homeTypes)[number];

export const homeTypeLabels: Record<HomeType, string> = {
  childrensHome: "Children's home",
  shortBreakOnly: 'Short-break-only home',
  secure: 'Secure children’s home',
};

export const ofstedJudgements = [
  'Outstanding',
  'Good',
  'Requires improvement to be good',
  'Inadequate',
  'Not yet inspected',
] as const;
export type OfstedJudgement = (typeof ofstedJudgements)[number];

/** Homes and places for one combination of host LA, period, sector, type and judgement. */
export interface SupplyRow {
  area: string;
  /** Snapshot date, e.g. "2023-03-31". */
  period: string;
  sector: HomeSector;
  homeType: HomeType;
  judgement: OfstedJudgement;
  homes: number;
  registeredPlaces: number;
  source: string;
}

/** One registered home, when per-home rows are imported (names and addresses are redacted by Ofsted). */
export interface ChildrensHome {
  urn: string;
  area: string;
  period: string;
  sector: HomeSector;
  homeType: HomeType;
  judgement: OfstedJudgement;
  registeredPlaces: number;
  registrationStatus: 'Active' | 'Suspended';
  source: string;
}

/**
 * Children's homes that opened (registered) and closed (resigned, closed or cancelled) during one
 * year ending 31 March, in one area and sector: Ofsted's "joiners and leavers" tables, summed.
 * Long-term and short-break-only homes together (files before 2021 do not tell them apart); secure
 * children's homes and residential special schools registered as children's homes are not counted.
 * A home that joined and left in the same year counts once in each. Places are those registered
 * when the home joined or left.
 */
export interface SupplyMovement {
  /** Local authority (ONS code), or a region or England for the totals. */
  area: string;
  /** Year ending 31 March, e.g. "2023" for 1 April 2022 to 31 March 2023. */
  period: string;
  sector: HomeSector;
  homesOpened: number;
  placesOpened: number;
  homesClosed: number;
  placesClosed: number;
  source: string;
}
