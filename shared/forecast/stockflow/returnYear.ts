/**
 * The SSDA903 return year (1 April to 31 March) around a day, as both stock-flow modes
 * (./reference/, ./corrected/) place the data's start and end.
 */
import { civilFromDay, dayFromCivil } from '../../import/ssda903/index.js';

/** 31 March ending the return year (April–March) that contains `day`. */
export function returnYearEnd(day: number): number {
  const { year, month } = civilFromDay(day);
  return dayFromCivil(month >= 4 ? year + 1 : year, 3, 31);
}

/** 1 April starting the return year (April–March) that contains `day`. */
export function returnYearStart(day: number): number {
  const { year, month } = civilFromDay(day);
  return dayFromCivil(month >= 4 ? year : year - 1, 4, 1);
}
