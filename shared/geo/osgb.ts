/**
 * British National Grid (EPSG:27700) eastings and northings to WGS 84 longitude and latitude:
 * the inverse transverse Mercator on the Airy 1830 ellipsoid (Ordnance Survey, "A guide to
 * coordinate systems in Great Britain", annex C), then a seven-parameter Helmert transformation
 * from OSGB36 to WGS 84 (accurate to a few metres: ample for drawing boundaries).
 */
const AIRY = { a: 6377563.396, b: 6356256.909 };
const WGS84 = { a: 6378137, b: 6356752.3142 };
const F0 = 0.9996012717;
const LAT0 = (49 * Math.PI) / 180;
const LON0 = (-2 * Math.PI) / 180;
const N0 = -100000;
const E0 = 400000;
const ARCSEC = Math.PI / (180 * 3600);
// OSGB36 → WGS 84.
const HELMERT = { tx: 446.448, ty: -125.157, tz: 542.06, s: -20.4894e-6, rx: 0.1502, ry: 0.247, rz: 0.8421 };

export function osgbToWgs84(easting: number, northing: number): [number, number] {
  const [lat, lon] = gridToOsgb36(easting, northing);
  const [x, y, z] = toCartesian(lat, lon, AIRY);
  const rx = HELMERT.rx * ARCSEC;
  const ry = HELMERT.ry * ARCSEC;
  const rz = HELMERT.rz * ARCSEC;
  const k = 1 + HELMERT.s;
  const x2 = HELMERT.tx + k * x - rz * y + ry * z;
  const y2 = HELMERT.ty + rz * x + k * y - rx * z;
  const z2 = HELMERT.tz - ry * x + rx * y + k * z;
  const [lat2, lon2] = fromCartesian(x2, y2, z2, WGS84);
  return [round6((lon2 * 180) / Math.PI), round6((lat2 * 180) / Math.PI)];
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function gridToOsgb36(E: number, N: number): [number, number] {
  const { a, b } = AIRY;
  const e2 = 1 - (b * b) / (a * a);
  const n = (a - b) / (a + b);
  const n2 = n * n;
  const n3 = n2 * n;
  const meridian = (lat: number) => {
    const d = lat - LAT0;
    const s = lat + LAT0;
    return (
      b *
      F0 *
      ((1 + n + 1.25 * n2 + 1.25 * n3) * d -
        (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(d) * Math.cos(s) +
        ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * d) * Math.cos(2 * s) -
        (35 / 24) * n3 * Math.sin(3 * d) * Math.cos(3 * s))
    );
  };
  let lat = LAT0;
  let M = 0;
  for (let i = 0; i < 20; i++) {
    lat = (N - N0 - M) / (a * F0) + lat;
    M = meridian(lat);
    if (Math.abs(N - N0 - M) < 0.00001) break;
  }
  const sin = Math.sin(lat);
  const cos = Math.cos(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * F0 * (1 - e2)) / Math.pow(1 - e2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const t = Math.tan(lat);
  const t2 = t * t;
  const t4 = t2 * t2;
  const t6 = t4 * t2;
  const sec = 1 / cos;
  const nu3 = nu ** 3;
  const nu5 = nu ** 5;
  const nu7 = nu ** 7;
  const VII = t / (2 * rho * nu);
  const VIII = (t / (24 * rho * nu3)) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2);
  const IX = (t / (720 * rho * nu5)) * (61 + 90 * t2 + 45 * t4);
  const X = sec / nu;
  const XI = (sec / (6 * nu3)) * (nu / rho + 2 * t2);
  const XII = (sec / (120 * nu5)) * (5 + 28 * t2 + 24 * t4);
  const XIIA = (sec / (5040 * nu7)) * (61 + 662 * t2 + 1320 * t4 + 720 * t6);
  const dE = E - E0;
  return [
    lat - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6,
    LON0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7,
  ];
}

function toCartesian(lat: number, lon: number, { a, b }: { a: number; b: number }): [number, number, number] {
  const e2 = 1 - (b * b) / (a * a);
  const nu = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return [nu * Math.cos(lat) * Math.cos(lon), nu * Math.cos(lat) * Math.sin(lon), (1 - e2) * nu * Math.sin(lat)];
}

function fromCartesian(x: number, y: number, z: number, { a, b }: { a: number; b: number }): [number, number] {
  const e2 = 1 - (b * b) / (a * a);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const nu = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    const next = Math.atan2(z + e2 * nu * Math.sin(lat), p);
    if (Math.abs(next - lat) < 1e-12) {
      lat = next;
      break;
    }
    lat = next;
  }
  return [lat, Math.atan2(y, x)];
}
