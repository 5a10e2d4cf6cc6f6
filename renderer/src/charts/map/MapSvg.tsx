/** The Map picture drawn as one SVG (MapSvg), shared by the Map view and the Report. */
import { forwardRef, useId, type KeyboardEvent } from 'react';
import { OUTSIDE_LABEL } from '#shared/geo/index.js';
import { AREA_LABEL, LEGEND_X, MAP_FRAME, MAP_WIDTH } from './frame';
import type { MapArea, MapPicture } from './types';
import { wrap } from './words';
import { formatWholeNoNegativeZero } from '../../format/numbers';

export interface MapSvgProps {
  picture: MapPicture;
  /** The LA whose panel is open. */
  selected: string | null;
  /** The LA under the pointer or keyboard focus. */
  active: string | null;
  onActivate(code: string | null): void;
  onSelect(code: string): void;
  onKeyDown(event: KeyboardEvent<SVGPathElement>, code: string): void;
}

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const TEXT = '#1b2430';
const MUTED = '#4a5565';
const FLOW = '#1f2f44';

/**
 * The whole picture as one SVG: title, map, legend and source line, with every colour and size a
 * presentation attribute so the element exports as it is. Each LA is a focusable button named with
 * its value; labels, symbols and flows are drawn over the shapes and ignore the pointer.
 */
export const MapSvg = forwardRef<SVGSVGElement, MapSvgProps>(function MapSvg(
  { picture, selected, active, onActivate, onSelect, onKeyDown },
  ref,
) {
  const rawId = useId();
  const id = rawId.replace(/[^A-Za-z0-9_-]/g, '');
  const titleId = `${id}-title`;
  const gradientId = `${id}-gradient`;
  const highlighted = picture.areas.filter((a) => a.code === selected || a.code === active);
  const subtitleLines = wrap(picture.subtitle, 120);

  return (
    <svg
      ref={ref}
      className="map-svg"
      data-testid="map-svg"
      viewBox={`0 0 ${MAP_WIDTH} ${picture.height}`}
      role="group"
      aria-labelledby={titleId}
      fontFamily={FONT_FAMILY}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
          {picture.legend.stops.map((s) => (
            <stop key={s.offset} offset={s.offset} stopColor={s.colour} />
          ))}
        </linearGradient>
      </defs>
      <rect width={MAP_WIDTH} height={picture.height} fill="#ffffff" />
      <text id={titleId} x={24} y={38} fontSize={22} fontWeight={700} fill={TEXT}>
        {picture.title}
      </text>
      {subtitleLines.map((line, i) => (
        <text key={i} x={24} y={62 + i * 17} fontSize={13} fill={MUTED}>
          {line}
        </text>
      ))}

      <g transform={`translate(${MAP_FRAME.x},${MAP_FRAME.y})`}>
        <g className="map-areas">
          {picture.areas.map((a) => (
            <path
              key={a.code}
              className="map-area"
              d={a.path}
              fill={a.fill}
              stroke="#ffffff"
              strokeWidth={1.5}
              strokeLinejoin="round"
              tabIndex={0}
              role="button"
              aria-label={a.ariaLabel}
              aria-pressed={a.code === selected}
              data-testid="map-area"
              data-code={a.code}
              data-value={a.value === null ? '' : String(Math.round(a.value * 1000) / 1000)}
              onMouseEnter={() => onActivate(a.code)}
              onMouseLeave={() => onActivate(null)}
              onFocus={() => onActivate(a.code)}
              onBlur={() => onActivate(null)}
              onClick={() => onSelect(a.code)}
              onKeyDown={(e) => onKeyDown(e, a.code)}
            />
          ))}
        </g>

        {picture.flows && <Flows flows={picture.flows} selected={selected} />}

        <g pointerEvents="none" aria-hidden="true">
          {picture.areas.map((a) => (
            <AreaLabel key={a.code} area={a} />
          ))}
        </g>

        <g pointerEvents="none" aria-hidden="true" data-export="skip">
          {highlighted.map((a) => (
            <path
              key={a.code}
              d={a.path}
              fill="none"
              stroke={a.code === selected ? '#0b0c0c' : '#1f2f44'}
              strokeWidth={a.code === selected ? 3.5 : 2.5}
              strokeLinejoin="round"
            />
          ))}
        </g>
      </g>

      <Legend picture={picture} gradientId={gradientId} />

      <line x1={24} x2={MAP_WIDTH - 24} y1={picture.footerY} y2={picture.footerY} stroke="#d5dbe2" strokeWidth={1} />
      {picture.sourceLines.map((line, i) => (
        <text key={i} x={24} y={picture.footerY + 20 + i * 14} fontSize={10.5} fill={MUTED}>
          {line}
        </text>
      ))}
    </svg>
  );
});

function AreaLabel({ area }: { area: MapArea }) {
  const { x, y, textColour } = area;
  const plate = area.labelPlate;
  return (
    <g>
      {plate && (
        <rect
          className="map-label-plate"
          x={plate.x}
          y={plate.y}
          width={plate.width}
          height={plate.height}
          rx={4}
          fill={area.fill}
          fillOpacity={0.88}
        />
      )}
      {area.badge && (
        <g>
          <rect
            x={area.badge.x - 33}
            y={area.badge.y - 9}
            width={66}
            height={17}
            rx={8.5}
            fill="#ffffff"
            fillOpacity={0.92}
            stroke="#5b6778"
            strokeWidth={0.75}
          />
          <text x={area.badge.x} y={area.badge.y + 3.5} fontSize={10.5} textAnchor="middle" fill={TEXT}>
            {area.badge.text}
          </text>
        </g>
      )}
      <text
        x={x}
        y={y + AREA_LABEL.nameBaseline}
        fontSize={AREA_LABEL.nameSize}
        fontWeight={700}
        textAnchor="middle"
        fill={textColour}
        stroke={area.fill}
        strokeWidth={3}
        strokeLinejoin="round"
        paintOrder="stroke"
      >
        {area.name}
      </text>
      <text
        x={x}
        y={y + AREA_LABEL.valueBaseline}
        fontSize={AREA_LABEL.valueSize}
        textAnchor="middle"
        fill={textColour}
        stroke={area.fill}
        strokeWidth={3}
        strokeLinejoin="round"
        paintOrder="stroke"
      >
        {area.valueText}
      </text>
      {area.pie && (
        <g transform={`translate(${area.pie.x},${area.pie.y})`}>
          {area.pie.slices.map((s) => (
            <path key={s.group} d={s.path} fill={s.colour} stroke="#ffffff" strokeWidth={0.75} />
          ))}
          <circle r={area.pie.radius} fill="none" stroke="#ffffff" strokeWidth={1.25} />
        </g>
      )}
    </g>
  );
}

function Flows({ flows, selected }: { flows: NonNullable<MapPicture['flows']>; selected: string | null }) {
  return (
    <g pointerEvents="none" aria-hidden="true">
      {flows.shown.map((arc) => {
        return (
          <g key={`${arc.placing}>${arc.host}`} opacity={selected === null ? 0.7 : 0.9}>
            <path d={arc.path} fill="none" stroke="#ffffff" strokeOpacity={0.8} strokeWidth={arc.width + 2} />
            <path d={arc.path} fill="none" stroke={FLOW} strokeWidth={arc.width} strokeLinecap="butt" />
            <path d={arc.head} fill={FLOW} stroke="#ffffff" strokeWidth={0.75} />
          </g>
        );
      })}
      {flows.outside && flows.outsideChildren > 0 && (
        <g transform={`translate(${flows.outside.at[0]},${flows.outside.at[1]})`}>
          <circle r={20} fill="#ffffff" stroke={FLOW} strokeWidth={1.5} strokeDasharray="4 3" />
          <text y={4} fontSize={11} fontWeight={700} textAnchor="middle" fill={TEXT}>
            {formatWholeNoNegativeZero(flows.outsideChildren)}
          </text>
          {wrap(OUTSIDE_LABEL, 12).map((line, i) => (
            <text key={i} y={36 + i * 13} fontSize={11} textAnchor="middle" fill={TEXT}>
              {line}
            </text>
          ))}
        </g>
      )}
    </g>
  );
}

function Legend({ picture, gradientId }: { picture: MapPicture; gradientId: string }) {
  return (
    <g transform={`translate(${LEGEND_X},0)`}>
      {picture.legendItems.map((item, i) => {
        switch (item.kind) {
          case 'heading':
            return (
              <text key={i} x={0} y={item.y} fontSize={14} fontWeight={700} fill={TEXT}>
                {item.text}
              </text>
            );
          case 'text':
            return (
              <text key={i} x={0} y={item.y} fontSize={12} fill={MUTED}>
                {item.text}
              </text>
            );
          case 'bar':
            return (
              <g key={i} transform={`translate(0,${item.y})`}>
                <rect width={item.width} height={14} fill={`url(#${gradientId})`} stroke="#8a96a6" strokeWidth={0.5} />
                {item.ticks.map((t) => (
                  <g key={t.value} transform={`translate(${t.offset * item.width},0)`}>
                    <line
                      y1={t.value === 0 ? -4 : 14}
                      y2={t.value === 0 ? 21 : 19}
                      stroke={TEXT}
                      strokeWidth={t.value === 0 ? 1.5 : 1}
                    />
                    <text y={33} fontSize={12} textAnchor="middle" fill={TEXT}>
                      {t.label}
                    </text>
                  </g>
                ))}
                {item.ends && (
                  <>
                    <text x={0} y={50} fontSize={12} fill={MUTED}>
                      ← {item.ends[0]}
                    </text>
                    <text x={item.width} y={50} fontSize={12} textAnchor="end" fill={MUTED}>
                      {item.ends[1]} →
                    </text>
                  </>
                )}
              </g>
            );
          case 'swatch':
            return (
              <g key={i}>
                <rect
                  x={0}
                  y={item.y - 11}
                  width={15}
                  height={15}
                  fill={item.colour}
                  stroke="#8a96a6"
                  strokeWidth={0.5}
                />
                <text x={22} y={item.y + 1} fontSize={12} fill={TEXT}>
                  {item.label}
                </text>
              </g>
            );
          case 'circle':
            return (
              <g key={i}>
                <circle cx={item.cx} cy={item.y - item.radius} r={item.radius} fill="#ffffff" stroke={TEXT} />
                <text x={item.cx + item.radius + 5} y={item.y - 2} fontSize={12} fill={TEXT}>
                  {item.label}
                </text>
              </g>
            );
          case 'badge':
            return (
              <g key={i}>
                <rect
                  x={0}
                  y={item.y - 12}
                  width={72}
                  height={18}
                  rx={9}
                  fill="#ffffff"
                  stroke="#5b6778"
                  strokeWidth={0.75}
                />
                <text x={36} y={item.y + 1.5} fontSize={11} textAnchor="middle" fill={TEXT}>
                  {item.text}
                </text>
              </g>
            );
          case 'arrow': {
            const half = Math.max(4, item.width * 1.1);
            return (
              <g key={i}>
                <line x1={0} x2={46} y1={item.y} y2={item.y} stroke={FLOW} strokeWidth={item.width} />
                <path d={`M46,${item.y - half}L60,${item.y}L46,${item.y + half}Z`} fill={FLOW} />
                <text x={70} y={item.y + 4} fontSize={12} fill={TEXT}>
                  {item.label}
                </text>
              </g>
            );
          }
        }
      })}
    </g>
  );
}
