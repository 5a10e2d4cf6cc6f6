import { createHash } from 'node:crypto';
import { sql as core } from './0001_core.js';
import { sql as observations } from './0002_observations.js';
import { sql as supplyFlowsCosts } from './0003_supply_flows_costs.js';
import { sql as imports } from './0004_imports.js';
import { sql as map } from './0005_map.js';
import { sql as supplyChanges } from './0006_supply_changes.js';
import { sql as ssda903 } from './0007_ssda903.js';
import { sql as scenarios } from './0008_scenarios.js';
import { sql as supplyMovements } from './0009_supply_movements.js';
import { sql as ssda903Parsed } from './0010_ssda903_parsed.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the SQL text; recorded in each plan so an edited migration is detected. */
  checksum: string;
}

function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

/** Numbered, immutable, applied in order. Append only. */
export const migrations: readonly Migration[] = [
  migration(1, '0001_core', core),
  migration(2, '0002_observations', observations),
  migration(3, '0003_supply_flows_costs', supplyFlowsCosts),
  migration(4, '0004_imports', imports),
  migration(5, '0005_map', map),
  migration(6, '0006_supply_changes', supplyChanges),
  migration(7, '0007_ssda903', ssda903),
  migration(8, '0008_scenarios', scenarios),
  migration(9, '0009_supply_movements', supplyMovements),
  migration(10, '0010_ssda903_parsed', ssda903Parsed),
];

export const latestSchemaVersion = migrations.length;
