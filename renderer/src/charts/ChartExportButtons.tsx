import { useEffect, useRef, useState, type RefObject } from 'react';
import { pngFromSvg, svgForExport, type ExportLegendItem } from './chartExport';

export interface ChartExportButtonsProps {
  /** The chart's drawn <svg>. */
  svgRef: RefObject<SVGSVGElement | null>;
  /** The chart's title, drawn above it in the file and naming the buttons. */
  title: string;
  /** "Source: …", drawn under the chart in the file. */
  source: string;
  /** The file name without extension. */
  fileStem: string;
  /** The key, when it is drawn outside the chart's <svg> on screen. */
  legend?: readonly ExportLegendItem[];
  testId?: string;
}

/**
 * "SVG" and "PNG" buttons that download the chart with its title and source line, through a hidden
 * `<a download>` and a blob URL (img-src allows blob:). The URL is revoked at the next export or
 * when the buttons go.
 */
export function ChartExportButtons({
  svgRef,
  title,
  source,
  fileStem,
  legend,
  testId = 'chart-export',
}: ChartExportButtonsProps) {
  const linkRef = useRef<HTMLAnchorElement>(null);
  const urlRef = useRef<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const offer = (blob: Blob, name: string) => {
    const link = linkRef.current;
    if (!link) return;
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    const url = URL.createObjectURL(blob);
    urlRef.current = url;
    link.href = url;
    link.download = name;
    link.click();
  };

  const exported = () => (svgRef.current ? svgForExport(svgRef.current, { title, source, legend }) : null);

  const exportSvg = () => {
    setError(null);
    try {
      const text = exported();
      if (text) offer(new Blob([text], { type: 'image/svg+xml' }), `${fileStem}.svg`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const exportPng = async () => {
    setError(null);
    try {
      const text = exported();
      if (text) offer(await pngFromSvg(text), `${fileStem}.png`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <span className="chart-export" data-testid={testId}>
      <button
        type="button"
        className="button button-small"
        aria-label={`Download ${title} as SVG`}
        onClick={exportSvg}
        data-testid={`${testId}-svg`}
      >
        SVG
      </button>{' '}
      <button
        type="button"
        className="button button-small"
        aria-label={`Download ${title} as PNG`}
        onClick={() => void exportPng()}
        data-testid={`${testId}-png`}
      >
        PNG
      </button>
      {/* The download target, never shown. */}
      <a ref={linkRef} hidden data-testid={`${testId}-link`} />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
