/**
 * Distances between local authorities, taken between their centroids (ONS LAD centroids in the
 * built-in data). A home's exact location is redacted by Ofsted, so LA level is the finest the
 * public data allow; distance within an LA is not modelled.
 */

/** Mean radius of the Earth in miles. */
export const EARTH_RADIUS_MILES = 3958.8;

/** The statistical threshold for a distant placement (DfE: "placed more than 20 miles from home"). */
export const DISTANT_MILES = 20;

/** Great-circle distance in miles between two points given in degrees (haversine formula). */
export function haversineMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Located {
  code: string;
  lat: number;
  lon: number;
}

/** Square matrix of centroid distances in miles (row-major, `miles[i * n + j]`); 0 on the diagonal. */
export function distanceMatrix(points: readonly Located[]): Float64Array {
  const n = points.length;
  const miles = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (!p) continue;
    for (let j = i + 1; j < n; j++) {
      const q = points[j];
      if (!q) continue;
      const d = haversineMiles(p.lat, p.lon, q.lat, q.lon);
      miles[i * n + j] = d;
      miles[j * n + i] = d;
    }
  }
  return miles;
}
