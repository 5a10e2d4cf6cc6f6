/**
 * The built-in national dataset every new plan starts from (resources/dataset/builtin-england.json,
 * built by scripts/build-dataset.ts): every English upper-tier authority, region and England, with no
 * members chosen. It is checked here once, so a bad rebuild fails loudly when the app starts.
 */
import builtin from '../../resources/dataset/builtin-england.json';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import { checkDataset } from './templateCheck.js';

export { checkDataset };

export const builtInTemplate: BuiltInDataset = checkDataset(builtin as unknown as BuiltInDataset);
