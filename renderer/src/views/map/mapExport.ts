/**
 * Export of the drawn map: the SVG as a standalone file (every colour and size is a presentation
 * attribute, so it needs no stylesheet), and a PNG drawn from that SVG on a canvas at print
 * resolution (../../charts/chartExport.ts draws it). Both become blob URLs for an `<a download>` link
 * (img-src allows blob:).
 */
import { fileSlug } from '../../app/fileNames';
import { stripInteractiveAttributes } from '../../charts/chartExport';

/** The picture as a standalone SVG document: interactive attributes and on-screen-only parts removed. */
export function serialiseMapSvg(svg: SVGSVGElement, width: number, height: number, title?: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll('[data-export="skip"]').forEach((node) => node.remove());
  stripInteractiveAttributes([clone, ...clone.querySelectorAll('*')]);
  if (title) {
    const element = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    element.textContent = title;
    clone.insertBefore(element, clone.firstChild);
  }
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** "gap-map-greater-manchester-2030": a file name without extension. */
export function exportFileStem(consortium: string, year: string, measure: string): string {
  const slug = fileSlug(consortium, 60);
  return `${measure}-map-${slug || 'consortium'}-${year}`;
}
