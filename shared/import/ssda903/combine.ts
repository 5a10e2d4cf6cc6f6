/**
 * Combining the episodes of several SSDA903 returns into one history: sorted by child and start
 * date, the copies that several returns hold merged (the latest return's version wins), and
 * overlapping episodes truncated (reported as warnings).
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { EPISODE_CODE_FIELDS } from './builders.js';
import type { EpisodeBuilder, EpisodeCodeField } from './builders.js';
import type { CodeColumn } from './codes.js';
import { NO_DATE, isoFromDay } from './dates.js';
import type { IssueSink } from './issues.js';
import type { EpisodeTable } from './tables.js';

/**
 * Sorts episodes by child and start, merges the copies that several returns hold (the latest
 * return's version wins), and truncates overlapping episodes (reported as warnings).
 */
export function combineEpisodes(
  raw: EpisodeBuilder,
  childCount: number,
  files: string[],
  sink: IssueSink,
): EpisodeTable {
  const n = raw.length;
  // Counting sort by child (stable), then insertion sort by (DECOM, year, input order) within a child.
  const counts = new Int32Array(childCount + 1);
  for (let i = 0; i < n; i++) counts[raw.child[i]! + 1]!++;
  for (let c = 0; c < childCount; c++) counts[c + 1]! += counts[c]!;
  const starts = counts.slice();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[starts[raw.child[i]!]!++] = i;
  const decom = raw.decom;
  const year = raw.year;
  for (let c = 0; c < childCount; c++) {
    const lo = counts[c]!;
    const hi = counts[c + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i]!;
      const vd = decom[v]!;
      const vy = year[v]!;
      let j = i - 1;
      while (j >= lo) {
        const u = order[j]!;
        const ud = decom[u]!;
        if (ud < vd || (ud === vd && (year[u]! < vy || (year[u] === vy && u < v)))) break;
        order[j + 1] = u;
        j--;
      }
      order[j + 1] = v;
    }
  }

  // Keep one row per (child, DECOM): the last in sorted order (latest return, then last row).
  const keep = new Int32Array(n);
  let kept = 0;
  const first = new Int32Array(childCount + 1);
  const dec = new Int32Array(n);
  const codes = raw.codes;
  const sameContent = (a: number, b: number): boolean => {
    if (raw.dec[a] !== raw.dec[b]) return false;
    for (const f of EPISODE_CODE_FIELDS) if (codes[f][a] !== codes[f][b]) return false;
    return true;
  };
  for (let c = 0; c < childCount; c++) {
    first[c] = kept;
    const lo = counts[c]!;
    const hi = counts[c + 1]!;
    for (let i = lo; i < hi; i++) {
      const e = order[i]!;
      const next = i + 1 < hi ? order[i + 1]! : -1;
      if (next >= 0 && decom[next] === decom[e]) {
        if (year[next] === year[e] && raw.file[next] === raw.file[e]) {
          const identical = sameContent(e, next);
          sink.report(
            files[raw.file[next]!]!,
            'warning',
            identical ? 'duplicate' : 'same-start',
            identical ? 'duplicate episode' : 'two episodes start on one day',
            raw.row[next]!,
            'DECOM',
            identical
              ? `Duplicate of the episode in row ${raw.row[e]!}; one copy is kept.`
              : `Another episode of this child in row ${raw.row[e]!} also starts on ${isoFromDay(decom[e]!)}; this later row is kept.`,
          );
        }
        continue;
      }
      keep[kept] = e;
      dec[kept] = raw.dec[e]!;
      kept++;
    }
    // Overlaps: an episode must end by the time the next one starts.
    for (let k = first[c]!; k + 1 < kept; k++) {
      const nextStart = decom[keep[k + 1]!]!;
      const end = dec[k]!;
      if (end === NO_DATE || end > nextStart) {
        const e = keep[k]!;
        sink.report(
          files[raw.file[e]!]!,
          'warning',
          'overlap',
          'overlapping episodes',
          raw.row[e]!,
          'DEC',
          `Episode ${end === NO_DATE ? 'is still open' : `ends ${isoFromDay(end)}`} but the child's next episode ` +
            `starts ${isoFromDay(nextStart)}; truncated to end ${isoFromDay(nextStart)}.`,
        );
        dec[k] = nextStart;
      }
    }
  }
  first[childCount] = kept;

  const pick32 = (src: Int32Array): Int32Array => {
    const out = new Int32Array(kept);
    for (let k = 0; k < kept; k++) out[k] = src[keep[k]!]!;
    return out;
  };
  const codeColumn = (f: EpisodeCodeField): CodeColumn => {
    const src = codes[f];
    const out = new Uint32Array(kept);
    for (let k = 0; k < kept; k++) out[k] = src[keep[k]!]!;
    return { codes: out, values: raw.interners[f].values };
  };
  const yearOut = new Int16Array(kept);
  const fileOut = new Uint16Array(kept);
  for (let k = 0; k < kept; k++) {
    yearOut[k] = raw.year[keep[k]!]!;
    fileOut[k] = raw.file[keep[k]!]!;
  }
  return {
    length: kept,
    child: pick32(raw.child),
    decom: pick32(raw.decom),
    dec: dec.slice(0, kept),
    decRecorded: pick32(raw.dec),
    rne: codeColumn('rne'),
    ls: codeColumn('ls'),
    cin: codeColumn('cin'),
    place: codeColumn('place'),
    placeProvider: codeColumn('placeProvider'),
    rec: codeColumn('rec'),
    reasonPlaceChange: codeColumn('reasonPlaceChange'),
    homePost: codeColumn('homePost'),
    plPost: codeColumn('plPost'),
    urn: codeColumn('urn'),
    year: yearOut,
    file: fileOut,
    row: pick32(raw.row),
    firstEpisode: first,
  };
}
