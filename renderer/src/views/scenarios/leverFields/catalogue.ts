/**
 * The fields of each lever type's form, in the order shown: label, unit, kind of input and help
 * text (the schema's own description replaces the help where it has one; see ./descriptions.ts).
 * Shares are typed as percentages (20 for 0.2); money in pounds; years chosen from the projection's.
 */
import { closureSectors, needTypes, type LeverType } from '#shared/scenario/levers.js';
import type { LeverField, LeverTypeDescription } from './fieldTypes';

const needTypeLabels: Record<(typeof needTypes)[number], string> = {
  mainstream: 'Mainstream',
  soloComplex: 'Solo or complex needs',
  youngerChildren: 'Younger children',
  exploitationRisk: 'At risk of exploitation',
  mentalHealth: 'Mental health needs',
};

const labelField: LeverField = {
  key: 'label',
  label: 'Label',
  kind: 'text',
  optional: true,
  help: 'A short name for this lever in tables and the assumptions list (optional).',
};

const rampUpField = (help: string): LeverField => ({
  key: 'rampUp',
  label: 'Ramp-up',
  kind: 'percentList',
  unit: '% by year',
  optional: true,
  help,
});

const startYear: LeverField = {
  key: 'startYear',
  label: 'Start year',
  kind: 'year',
  unit: 'financial year',
  help: 'The first financial year (April to March) the lever applies.',
};

const evidenceField: LeverField = {
  key: 'evidence',
  label: 'Evidence',
  kind: 'text',
  optional: true,
  maxLength: 2_000,
  help: 'What the effect rests on: the evaluation, its size and setting, and why it applies here.',
};

const annualCost = (help: string): LeverField => ({
  key: 'annualCost',
  label: 'Annual cost',
  kind: 'money',
  unit: '£ a year',
  help,
});

export const draftFields: Record<LeverType, Omit<LeverTypeDescription, 'summary' | 'type'>> = {
  blockContract: {
    name: 'Block contract',
    fields: [
      { key: 'la', label: 'Where the beds are', kind: 'la', help: 'The member LA hosting the contracted beds.' },
      {
        key: 'commissionedBy',
        label: 'Who may use them',
        kind: 'consortiumOrLa',
        help: 'The consortium (any member’s children) or one member LA.',
      },
      { key: 'beds', label: 'Beds', kind: 'int', unit: 'beds', help: 'Beds reserved under the contract, 1 to 200.' },
      { key: 'weeklyPrice', label: 'Weekly price', kind: 'money', unit: '£ a bed a week', help: 'Price per bed.' },
      startYear,
      { key: 'termYears', label: 'Term', kind: 'int', unit: 'years', help: 'Length of the contract in years.' },
      {
        key: 'guaranteedAccess',
        label: 'Guaranteed access',
        kind: 'percent',
        unit: '%',
        help: 'Share of the contracted beds the provider guarantees to hold for the commissioner’s children.',
      },
      {
        key: 'voidCostShare',
        label: 'Paid when empty',
        kind: 'percent',
        unit: '% of price',
        help: 'Share of the weekly price paid for a bed left empty (100 = full price, the usual block terms).',
      },
      {
        key: 'fromExistingPlaces',
        label: 'Existing open-market places',
        kind: 'boolean',
        help: 'Ticked: the beds are existing places in the host LA; unticked: new places.',
      },
      {
        key: 'indexed',
        label: 'Price rises with price growth',
        kind: 'boolean',
        help: 'Ticked: the price follows any price-growth lever; unticked: fixed for the term.',
      },
      rampUpField('Share of the beds in use in the first, second… year, e.g. "50" for half in the first year.'),
      labelField,
    ],
  },
  newHome: {
    name: 'New children’s home',
    fields: [
      { key: 'la', label: 'Where the home is', kind: 'la', help: 'The member LA where the home opens.' },
      {
        key: 'runBy',
        label: 'Run by',
        kind: 'enum',
        options: [
          { value: 'consortium', label: 'The consortium (any member’s children)' },
          { value: 'la', label: 'The host LA (its own children)' },
        ],
        help: 'Who runs the home, and so whose children it takes.',
      },
      { key: 'places', label: 'Places', kind: 'int', unit: 'places', help: 'Registered places, 1 to 50.' },
      {
        key: 'needType',
        label: 'Need type',
        kind: 'enum',
        options: needTypes.map((value) => ({ value, label: needTypeLabels[value] })),
        help: 'The children the home is for.',
      },
      { key: 'capitalCost', label: 'Capital cost', kind: 'money', unit: '£ one-off', help: 'Buying and fitting out.' },
      {
        key: 'runningCostPerYear',
        label: 'Running cost',
        kind: 'money',
        unit: '£ a year',
        help: 'Staffing and running, whatever the occupancy.',
      },
      {
        key: 'openingYear',
        label: 'Opening year',
        kind: 'year',
        unit: 'financial year',
        help: 'The first financial year the home takes children.',
      },
      {
        key: 'assetLifeYears',
        label: 'Asset life',
        kind: 'int',
        unit: 'years',
        help: 'Years over which the capital is written off; what is left at the horizon is credited in the NPV.',
      },
      rampUpField('Share of the places usable in the first, second… year, e.g. "50" for half in the first year.'),
      labelField,
    ],
  },
  localFirstAgreement: {
    name: 'Local-first access agreement',
    fields: [
      { key: 'la', label: 'Providers in', kind: 'laOrAll', help: 'The member LA whose providers sign up, or all.' },
      {
        key: 'share',
        label: 'Offered first',
        kind: 'percent',
        unit: '% of places',
        help: 'Share of open-market places in the LA(s) offered first to consortium children.',
      },
      startYear,
      annualCost('Contract management and any retainer.'),
      rampUpField('Share of the agreement in effect in the first, second… year.'),
      labelField,
    ],
  },
  closure: {
    name: 'Closure or deregistration',
    fields: [
      { key: 'la', label: 'Where', kind: 'la', help: 'The member LA where places close.' },
      {
        key: 'sector',
        label: 'Sector',
        kind: 'enum',
        options: closureSectors.map((value) => ({ value, label: value })),
        help: 'The sector of the homes that close.',
      },
      { key: 'places', label: 'Places closed', kind: 'int', unit: 'places', help: 'Places lost, 1 to 2,000.' },
      {
        key: 'year',
        label: 'Closure year',
        kind: 'year',
        unit: 'financial year',
        help: 'The first year the places are gone.',
      },
      labelField,
    ],
  },
  prevention: {
    name: 'Edge-of-care prevention',
    fields: [
      { key: 'la', label: 'Where', kind: 'laOrAll', help: 'The member LA running it, or all.' },
      {
        key: 'entriesReduction',
        label: 'Fewer entries',
        kind: 'percent',
        unit: '%',
        help: 'How much edge-of-care work reduces entries to children’s homes (10 = 10% fewer), up to 90%.',
      },
      startYear,
      annualCost('Fixed cost of the service (team, management), on top of the cost per child.'),
      {
        key: 'costPerChild',
        label: 'Cost per child worked with',
        kind: 'money',
        unit: '£ per child or family',
        optional: true,
        help: 'Leave empty for the model’s assumption (about £10,000, intensive edge-of-care support).',
      },
      {
        key: 'workedWithPerEntryPrevented',
        label: 'Worked with per entry prevented',
        kind: 'number',
        unit: 'children',
        optional: true,
        help: 'Children or families worked with for each entry prevented; leave empty for the model’s assumption (4).',
      },
      evidenceField,
      rampUpField('Share of the effect in the first, second… year.'),
      labelField,
    ],
  },
  stepDown: {
    name: 'Step-down to foster care',
    fields: [
      { key: 'la', label: 'Where', kind: 'laOrAll', help: 'The member LA, or all.' },
      {
        key: 'annualShare',
        label: 'Stepping down each year',
        kind: 'percent',
        unit: '% a year',
        help: 'Share of children in children’s homes stepping down to foster care each year, beyond today’s moves; up to 90%.',
      },
      startYear,
      {
        key: 'fosterWeeklyCost',
        label: 'Foster placement cost',
        kind: 'money',
        unit: '£ a week',
        optional: true,
        help: 'Leave empty for the plan’s agency fostering cost.',
      },
      annualCost('Programme cost.'),
      {
        key: 'costPerChild',
        label: 'Cost per move',
        kind: 'money',
        unit: '£ per child',
        optional: true,
        help: 'One-off cost of each move (matching, transition, support); leave empty for the model’s assumption (about £5,000).',
      },
      evidenceField,
      rampUpField('Share of the effect in the first, second… year.'),
      labelField,
    ],
  },
  priceInflation: {
    name: 'Price growth',
    fields: [
      {
        key: 'annualRate',
        label: 'Real growth',
        kind: 'percent',
        unit: '% a year',
        help: 'Growth in prices above general inflation, −20% to 30% a year.',
      },
      startYear,
      labelField,
    ],
  },
  distancePolicy: {
    name: 'Distance policy (20 miles)',
    fields: [
      { key: 'la', label: 'Where', kind: 'laOrAll', help: 'The member LA adopting it, or all.' },
      startYear,
      rampUpField('Share of children covered in the first, second… year; empty for placement turnover.'),
      labelField,
    ],
  },
};
