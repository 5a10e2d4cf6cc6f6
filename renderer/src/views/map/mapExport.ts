/**
 * Export of the drawn map: the SVG as a standalone file (every colour and size is a presentation
 * attribute, so it needs no stylesheet), and a PNG drawn from that SVG on a canvas at print
 * resolution. Both become blob URLs for an `<a download>` link (img-src allows blob:).
 */

/** Print resolution: three image pixels per picture unit (a 1000-unit-wide map is 3000 px). */
export const PNG_SCALE = 3;

/** The picture as a standalone SVG document: interactive attributes and on-screen-only parts removed. */
export function serialiseMapSvg(svg: SVGSVGElement, width: number, height: number, title?: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll('[data-export="skip"]').forEach((node) => node.remove());
  [clone, ...clone.querySelectorAll('*')].forEach((node) => {
    for (const name of ['tabindex', 'role', 'aria-label', 'aria-hidden', 'aria-labelledby', 'focusable', 'class']) {
      node.removeAttribute(name);
    }
    for (const attr of [...node.attributes]) if (attr.name.startsWith('data-')) node.removeAttribute(attr.name);
  });
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

/** Draws the SVG text on a canvas `scale` times its size and returns the PNG. */
export async function svgToPng(svgText: string, width: number, height: number, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The map could not be drawn as an image.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This display cannot draw images.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** "gap-map-greater-manchester-2030": a file name without extension. */
export function exportFileStem(consortium: string, year: string, measure: string): string {
  const slug = consortium
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${measure}-map-${slug || 'consortium'}-${year}`;
}
