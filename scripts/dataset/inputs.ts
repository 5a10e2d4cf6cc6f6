/**
 * The dataset build's access to its input files: a reader over the data folder, and the authorities' centroids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FILES } from './sources.js';
import { Table, cell } from './table.js';

// ---------------------------------------------------------------------------------------------
// Centroids

interface Centroid {
  name: string;
  lat: number;
  lon: number;
}

/** Area-weighted centroids of the upper-tier authorities, by ONS code as published. */
export function readCentroids(read: Reader): Map<string, Centroid> {
  const file = FILES.centroids;
  const table = new Table(file, read(file));
  const codeCol = table.column('area_code');
  const nameCol = table.column('area_name');
  const latCol = table.column('latitude');
  const lonCol = table.column('longitude');
  const result = new Map<string, Centroid>();
  for (const { line, cells } of table.rows) {
    const where = `${file} line ${line}`;
    const code = cell(cells, codeCol);
    const lat = Number(cell(cells, latCol));
    const lon = Number(cell(cells, lonCol));
    // England spans about 49.9 to 55.8 °N and 6.4 °W to 1.8 °E.
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < 49.5 || lat > 56 || lon < -7 || lon > 2) {
      throw new Error(`${where}: "${cell(cells, latCol)}, ${cell(cells, lonCol)}" is not a position in England.`);
    }
    if (result.has(code)) throw new Error(`${where}: a second centroid for ${code}.`);
    result.set(code, { name: cell(cells, nameCol), lat, lon });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Build

/** Reads an input file relative to the data folder, each file once per build. */
export type Reader = (file: string) => string;

export function createReader(dataDir: string): Reader {
  const cache = new Map<string, string>();
  return (file) => {
    const cached = cache.get(file);
    if (cached !== undefined) return cached;
    const full = path.join(dataDir, file);
    if (!fs.existsSync(full)) throw new Error(`Input file not found: ${full}`);
    const text = fs.readFileSync(full, 'utf8');
    cache.set(file, text);
    return text;
  };
}
