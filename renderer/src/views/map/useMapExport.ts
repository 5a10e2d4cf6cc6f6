/**
 * The Map view's exports: the picture as SVG or PNG, offered as a download (and kept as a link until
 * the next export), with any error in words.
 */
import { useEffect, useState, type RefObject } from 'react';
import { CHART_PNG_SCALE, pngFromSvg } from '../../charts/chartExport';
import { MAP_WIDTH } from '../../charts/map/frame';
import type { MapPicture } from '../../charts/map/types';
import { serialiseMapSvg } from './mapExport';

export function useMapExport(svgRef: RefObject<SVGSVGElement | null>, picture: MapPicture | null, stem: string) {
  const [exported, setExported] = useState<{ url: string; name: string } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(
    () => () => {
      if (exported) URL.revokeObjectURL(exported.url);
    },
    [exported],
  );

  const offer = (blob: Blob, name: string) => {
    const url = URL.createObjectURL(blob);
    setExported({ url, name });
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
  };

  const exportSvg = () => {
    if (!svgRef.current || !picture) return;
    setExportError(null);
    offer(
      new Blob([serialiseMapSvg(svgRef.current, MAP_WIDTH, picture.height, picture.title)], { type: 'image/svg+xml' }),
      `${stem}.svg`,
    );
  };
  const exportPng = async () => {
    if (!svgRef.current || !picture) return;
    setExportError(null);
    try {
      offer(
        await pngFromSvg(
          serialiseMapSvg(svgRef.current, MAP_WIDTH, picture.height, picture.title),
          CHART_PNG_SCALE,
          'map',
        ),
        `${stem}.png`,
      );
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return { exported, exportError, exportSvg, exportPng };
}
