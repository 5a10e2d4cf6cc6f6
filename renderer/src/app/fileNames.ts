/** File names and folders: the name suggested when saving a plan, a path's folder, and text as a file-name part. */

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
