/**
 * Export of a drawn chart as a standalone SVG file and as a PNG, on the model of the map's export
 * (views/map/mapExport.ts). Charts are styled by CSS classes, so the styles they rely on are copied
 * from the page onto each element as presentation attributes; the picture then gets a white
 * background, its title above, an optional key and its source line below. The framing is plain
 * string work (testable without a DOM); the copying of styles and the PNG need the page.
 */

import { fileSlug } from '../app/fileNames';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Print resolution: three image pixels per picture unit. */
export const CHART_PNG_SCALE = 3;

/** The CSS properties charts set through classes, copied onto the exported elements. */
export const inlinedProperties = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
] as const;

/** One entry in the key drawn under the title: a line sample (with its dash) or a filled box. */
export interface ExportLegendItem {
  label: string;
  colour: string;
  kind?: 'line' | 'box';
  dash?: string | null;
}

export interface ChartFrame {
  title: string;
  /** "Source: …", drawn under the chart (wrapped to the width). */
  source: string;
  /** The chart's own picture size (its viewBox). */
  width: number;
  height: number;
  legend?: readonly ExportLegendItem[];
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const PAD = 16;
const TITLE_SIZE = 18;
const TITLE_LINE = 24;
const LEGEND_SIZE = 12;
const LEGEND_LINE = 20;
const SOURCE_SIZE = 11;
const SOURCE_LINE = 15;

/** Escapes text for an XML text node or attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Splits text into lines of at most `maxChars` characters, at spaces (a longer word stands alone). */
export function wrapText(text: string, maxChars: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Rough width of text in a sans-serif face: about 0.55 em a character. */
const textWidth = (text: string, size: number) => text.length * size * 0.55;

/**
 * The whole exported document: `body` (the chart's elements, drawn in its own 0 0 width height
 * frame) moved down under the title and key, with the source line below, on a white background.
 * The viewBox grows by the space those take.
 */
export function frameChartSvg(body: string, frame: ChartFrame): string {
  const { width, height } = frame;
  const charsPerLine = (size: number) => Math.max(20, Math.floor((width - 2 * PAD) / (size * 0.55)));
  const titleLines = wrapText(frame.title, charsPerLine(TITLE_SIZE));
  const sourceLines = wrapText(frame.source, charsPerLine(SOURCE_SIZE));

  const parts: string[] = [];
  let y = PAD;
  titleLines.forEach((line) => {
    y += TITLE_LINE;
    parts.push(
      `<text x="${PAD}" y="${y - 6}" font-size="${TITLE_SIZE}" font-weight="700" fill="#1b2430">${escapeXml(line)}</text>`,
    );
  });

  // The key: items laid out left to right, wrapping to a new row when the width runs out.
  const legend = frame.legend ?? [];
  if (legend.length > 0) {
    y += 8;
    let x = PAD;
    let rowY = y + LEGEND_LINE / 2;
    legend.forEach((item) => {
      const itemWidth = 34 + textWidth(item.label, LEGEND_SIZE) + 18;
      if (x > PAD && x + itemWidth > width - PAD) {
        x = PAD;
        rowY += LEGEND_LINE;
      }
      const colour = escapeXml(item.colour);
      parts.push(
        item.kind === 'box'
          ? `<rect x="${x + 6}" y="${rowY - 6}" width="16" height="12" fill="${colour}"/>`
          : `<line x1="${x}" x2="${x + 28}" y1="${rowY}" y2="${rowY}" stroke="${colour}" stroke-width="2.5"${
              item.dash ? ` stroke-dasharray="${escapeXml(item.dash)}"` : ''
            }/>`,
        `<text x="${x + 34}" y="${rowY}" font-size="${LEGEND_SIZE}" dominant-baseline="middle" fill="#1b2430">${escapeXml(item.label)}</text>`,
      );
      x += itemWidth;
    });
    y = rowY + LEGEND_LINE / 2;
  }
  const top = Math.ceil(y + 8);

  let sourceY = top + height + 8;
  const sourceParts = sourceLines.map((line) => {
    sourceY += SOURCE_LINE;
    return `<text x="${PAD}" y="${sourceY - 3}" font-size="${SOURCE_SIZE}" fill="#4a5563">${escapeXml(line)}</text>`;
  });
  const total = Math.ceil(sourceY + PAD - 4);

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="${SVG_NS}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(frame.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${total}" fill="#ffffff"/>`,
    ...parts,
    `<g transform="translate(0 ${top})">${body}</g>`,
    ...sourceParts,
    '</svg>',
  ].join('\n');
}

/** The width and height attributes of an SVG document's root element. */
export function svgSize(svgText: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svgText)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0)) throw new Error('The chart has no size to draw.');
  return { width, height };
}

/**
 * The drawn chart as a standalone SVG document: computed styles copied onto a clone as
 * presentation attributes, tooltips, hover targets (`data-export="skip"`), hidden parts and
 * interactive attributes removed, then framed with the title, key and source line.
 */
export function svgForExport(
  svg: SVGSVGElement,
  options: { title: string; source: string; width?: number; height?: number; legend?: readonly ExportLegendItem[] },
): string {
  const box = svg.viewBox.baseVal;
  const width = options.width ?? (box && box.width > 0 ? box.width : svg.clientWidth);
  const height = options.height ?? (box && box.height > 0 ? box.height : svg.clientHeight);
  const clone = svg.cloneNode(true) as SVGSVGElement;

  // Clone and original have the same elements in the same order.
  const originals = [...svg.querySelectorAll('*')];
  const copies = [...clone.querySelectorAll('*')];
  const hidden: Element[] = [];
  originals.forEach((original, i) => {
    const copy = copies[i];
    if (!copy) return;
    const style = getComputedStyle(original);
    if (style.display === 'none' || style.visibility === 'hidden') {
      hidden.push(copy);
      return;
    }
    for (const property of inlinedProperties) {
      const value = style.getPropertyValue(property);
      if (value) copy.setAttribute(property, value);
    }
  });
  hidden.forEach((node) => node.remove());
  clone.querySelectorAll('[data-export="skip"], title').forEach((node) => node.remove());

  const group = document.createElementNS(SVG_NS, 'g');
  stripInteractiveAttributes(clone.querySelectorAll('*'));
  while (clone.firstChild) group.appendChild(clone.firstChild);
  const body = new XMLSerializer().serializeToString(group);
  return frameChartSvg(body, { title: options.title, source: options.source, width, height, legend: options.legend });
}

/** Removes what only the page needs (focus, roles, ARIA, classes, data- attributes) from exported elements. */
export function stripInteractiveAttributes(nodes: Iterable<Element>): void {
  for (const node of nodes) {
    for (const name of ['tabindex', 'role', 'aria-label', 'aria-hidden', 'aria-labelledby', 'focusable', 'class']) {
      node.removeAttribute(name);
    }
    for (const attr of [...node.attributes]) if (attr.name.startsWith('data-')) node.removeAttribute(attr.name);
  }
}

/**
 * Draws the SVG document on a canvas `scale` times its size (on white) and returns the PNG;
 * `subject` names the picture in the error when it cannot be drawn.
 */
export async function pngFromSvg(svgText: string, scale = CHART_PNG_SCALE, subject = 'chart'): Promise<Blob> {
  const { width, height } = svgSize(svgText);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error(`The ${subject} could not be drawn as an image.`));
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

/** "bed-gap-by-year-greater-manchester": a file name without extension. */
export function chartFileStem(...parts: string[]): string {
  return fileSlug(parts.join(' '), 80) || 'chart';
}
