const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2025, 14:03" for an ISO timestamp; the text unchanged when it is not a date. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** A file name to suggest when saving, e.g. "greater-manchester.ccplan". */
export function suggestedFileName(planName: string, consortiumName: string, untitled: boolean): string {
  if (!untitled) {
    const kept = Array.from(planName, (ch) => (ch.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(ch) ? '-' : ch))
      .join('')
      .trim()
      .slice(0, 120);
    if (kept) return `${kept}.ccplan`;
  }
  return `${fileSlug(consortiumName, 80) || 'plan'}.ccplan`;
}

/** The folder part of a path, keeping its separator style; '' when there is none. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(0, cut + 1) : '';
}

/** Text as a file-name part: accents dropped, lower case, runs of other characters as one "-". */
export function fileSlug(text: string, maxLength: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength);
}

/**
 * A probability in words a room can read: never "100%" or "0%" unless certain, so 0.998 is ">99%"
 * and 0.004 is "<1%".
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p >= 1) return '100%';
  if (p <= 0) return '0%';
  if (p > 0.99) return '>99%';
  if (p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}
