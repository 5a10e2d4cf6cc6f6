/**
 * The published measures a plan stores, in the domain's words. Each stored figure is
 * an observation of one measure for one area and one period, with its source.
 */
export const measureIds = [
  'childrenLookedAfter',
  'childrenLookedAfterRatePer10k',
  'childrenStartingCare',
  'childrenCeasingCare',
  'childrenInChildrensHomes',
  'placedOutsideLaBoundary',
  'placedOver20Miles',
  'childrenWithMissingIncident',
  'missingIncidents',
  'otherLasChildrenPlacedInside',
  'population0to17',
  'childrensHomes',
  'registeredPlaces',
  'registeredPlacesPer10k',
  'netPlacementImport',
] as const;

export type MeasureId = (typeof measureIds)[number];

export type MeasureUnit =
  'children' | 'per 10,000 children' | 'places per 10,000 children' | 'incidents' | 'homes' | 'places';

export interface MeasureDefinition {
  id: MeasureId;
  label: string;
  unit: MeasureUnit;
  /** How a consortium total is formed from member values. */
  aggregation: 'sum' | 'rate';
  /** Computed from other stored measures rather than published (the derivation is shown). */
  derived?: boolean;
  description: string;
}

export const measures: Record<MeasureId, MeasureDefinition> = {
  childrenLookedAfter: {
    id: 'childrenLookedAfter',
    label: 'Children looked after',
    unit: 'children',
    aggregation: 'sum',
    description: 'Children looked after on 31 March.',
  },
  childrenLookedAfterRatePer10k: {
    id: 'childrenLookedAfterRatePer10k',
    label: 'Rate per 10,000 children',
    unit: 'per 10,000 children',
    aggregation: 'rate',
    description: 'Children looked after on 31 March per 10,000 children aged 0 to 17.',
  },
  childrenStartingCare: {
    id: 'childrenStartingCare',
    label: 'Started to be looked after',
    unit: 'children',
    aggregation: 'sum',
    description: 'Children starting to be looked after during the year ending 31 March.',
  },
  childrenCeasingCare: {
    id: 'childrenCeasingCare',
    label: 'Ceased to be looked after',
    unit: 'children',
    aggregation: 'sum',
    description: 'Children ceasing to be looked after during the year ending 31 March.',
  },
  childrenInChildrensHomes: {
    id: 'childrenInChildrensHomes',
    label: "In secure or children's homes",
    unit: 'children',
    aggregation: 'sum',
    description: "Children looked after on 31 March placed in secure homes and children's homes.",
  },
  placedOutsideLaBoundary: {
    id: 'placedOutsideLaBoundary',
    label: 'Placed outside LA boundary',
    unit: 'children',
    aggregation: 'sum',
    description: 'Children looked after on 31 March placed outside their LA boundary.',
  },
  placedOver20Miles: {
    id: 'placedOver20Miles',
    label: 'Placed more than 20 miles away',
    unit: 'children',
    aggregation: 'sum',
    description: 'Children looked after on 31 March placed more than 20 miles from home.',
  },
  childrenWithMissingIncident: {
    id: 'childrenWithMissingIncident',
    label: 'Children with a missing incident',
    unit: 'children',
    aggregation: 'sum',
    description: 'Looked-after children who had at least one missing incident during the year.',
  },
  missingIncidents: {
    id: 'missingIncidents',
    label: 'Missing incidents',
    unit: 'incidents',
    aggregation: 'sum',
    description: 'Missing incidents of looked-after children during the year.',
  },
  otherLasChildrenPlacedInside: {
    id: 'otherLasChildrenPlacedInside',
    label: "Other LAs' children placed inside",
    unit: 'children',
    aggregation: 'sum',
    description: 'Children who are the responsibility of other LAs placed within this LA boundary on 31 March.',
  },
  population0to17: {
    id: 'population0to17',
    label: 'Children aged 0 to 17',
    unit: 'children',
    aggregation: 'sum',
    description: 'ONS mid-year population estimate of children aged 0 to 17.',
  },
  childrensHomes: {
    id: 'childrensHomes',
    label: "Children's homes",
    unit: 'homes',
    aggregation: 'sum',
    description: "Ofsted-registered children's homes located in the LA (excluding short-break-only and secure homes).",
  },
  registeredPlaces: {
    id: 'registeredPlaces',
    label: 'Registered places',
    unit: 'places',
    aggregation: 'sum',
    description:
      "Registered places in children's homes located in the LA (excluding short-break-only and secure homes).",
  },
  registeredPlacesPer10k: {
    id: 'registeredPlacesPer10k',
    label: 'Places per 10,000 children',
    unit: 'places per 10,000 children',
    aggregation: 'rate',
    derived: true,
    description: "Registered children's home places located in the LA per 10,000 children aged 0 to 17.",
  },
  netPlacementImport: {
    id: 'netPlacementImport',
    label: 'Net import of placements',
    unit: 'children',
    aggregation: 'sum',
    derived: true,
    description:
      "Other LAs' children placed inside the LA minus the LA's own children placed outside it, on 31 March (negative: a net exporter).",
  },
};

export function isMeasureId(value: string): value is MeasureId {
  return (measureIds as readonly string[]).includes(value);
}
