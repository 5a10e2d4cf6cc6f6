/**
 * The context's weekly prices: the plan's unit costs by sector (children's homes, fostering) at
 * their price year, an illustrative fallback where a cost is missing (with a warning), each recorded
 * as an assumption.
 */
import type { PlanData } from '../../model/summarise.js';
import type { ScenarioAssumption, WeeklyPrices } from '../types.js';
import { FALLBACK_PRICES } from './constants.js';

export function pricesFrom(data: PlanData, warnings: string[], assumptions: ScenarioAssumption[]): WeeklyPrices {
  const find = (type: string, sector: string) =>
    data.unitCosts.find((u) => u.placementType === type && u.sector === sector);
  const prices: WeeklyPrices = { ...FALLBACK_PRICES };
  const used: string[] = [];
  const take = (field: Exclude<keyof WeeklyPrices, 'priceYear' | 'unmet'>, type: string, sector: string) => {
    const u = find(type, sector);
    if (u) {
      prices[field] = u.weeklyCost;
      prices.priceYear = u.priceYear;
      used.push(u.source);
    } else {
      warnings.push(
        `The plan has no weekly unit cost for ${type} (${sector}): £${FALLBACK_PRICES[field]} (illustrative, 2023-24) is used.`,
      );
    }
  };
  take('localAuthority', 'childrensHome', 'Local Authority');
  take('private', 'childrensHome', 'Private');
  take('voluntary', 'childrensHome', 'Voluntary');
  take('blockContract', 'childrensHome', 'Block contract');
  take('fosterInHouse', 'fosterInHouse', 'Local Authority');
  take('fosterAgency', 'fosterAgency', 'Private');
  const source = [...new Set(used)].join(', ') || null;
  const add = (key: string, label: string, value: number, rationale: string) =>
    assumptions.push({ key, label, value, unit: `£ per week (${prices.priceYear} prices)`, rationale, source });
  add(
    'price.localAuthority',
    'Weekly cost of a place in an LA-run children’s home',
    prices.localAuthority,
    'Plan unit cost (children’s home, Local Authority). Charged per child placed in existing LA-run homes.',
  );
  add(
    'price.private',
    'Weekly price of a private children’s home place (spot)',
    prices.private,
    'Plan unit cost (children’s home, Private). Charged for spot placements in private and other non-LA homes in member LAs and for every placement outside the consortium (93% of out-of-area places are private, DfE 2024).',
  );
  add(
    'price.voluntary',
    'Weekly price of a voluntary children’s home place',
    prices.voluntary,
    'Plan unit cost (children’s home, Voluntary).',
  );
  add(
    'price.blockContract',
    'Reference weekly price of a block-contracted bed',
    prices.blockContract,
    'Plan unit cost (children’s home, Block contract): the default price of the built-in block contract scenario; each block contract lever states its own price.',
  );
  add(
    'price.fosterAgency',
    'Weekly cost of an agency foster placement',
    prices.fosterAgency,
    'Plan unit cost (agency fostering): the default cost of a child stepped down from a children’s home.',
  );
  return prices;
}
