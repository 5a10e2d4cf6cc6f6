import { describe, expect, it } from 'vitest';
import { chartFileStem, escapeXml, frameChartSvg, svgSize, wrapText } from '../../renderer/src/charts/chartExport.js';

const body = '<g xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="10" height="10" fill="rgb(0, 0, 0)"/></g>';
const frame = {
  title: 'Greater Manchester: children needing a place',
  source: 'Source: DfE children looked after in England; projection: Sufficiency Planner, rate-based method.',
  width: 720,
  height: 400,
};

describe('chart export framing', () => {
  it('makes a standalone SVG document with the title, the source line and the chart', () => {
    const svg = frameChartSvg(body, frame);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg).toContain('<title>Greater Manchester: children needing a place</title>');
    expect(svg).toContain('>Greater Manchester: children needing a place</text>');
    expect(svg).toContain('Source: DfE children looked after in England;');
    expect(svg).toContain('<rect x="0" y="0" width="720"');
    expect(svg).toContain('fill="#ffffff"');
    expect(svg).toMatch(/<g transform="translate\(0 \d+\)"><g xmlns="http:\/\/www\.w3\.org\/2000\/svg"><rect /);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // The title is above the chart and the source line below it.
    const top = Number(/translate\(0 (\d+)\)/.exec(svg)?.[1]);
    const titleY = Number(/<text x="16" y="([\d.]+)" font-size="18"/.exec(svg)?.[1]);
    const sourceY = Number(/<text x="16" y="([\d.]+)" font-size="11"/.exec(svg)?.[1]);
    expect(titleY).toBeLessThan(top);
    expect(sourceY).toBeGreaterThan(top + frame.height);
  });

  it('grows the viewBox to hold the title, key and source line, keeping the width', () => {
    const svg = frameChartSvg(body, frame);
    const { width, height } = svgSize(svg);
    expect(width).toBe(720);
    expect(height).toBeGreaterThan(400 + 40);
    expect(svg).toContain(`viewBox="0 0 720 ${height}"`);

    const withKey = frameChartSvg(body, {
      ...frame,
      legend: [
        { label: 'Baseline', colour: '#3d4652', dash: '6 4' },
        { label: 'More foster carers', colour: '#0072b2', kind: 'box' },
      ],
    });
    expect(svgSize(withKey).height).toBeGreaterThan(height);
    expect(withKey).toContain('stroke-dasharray="6 4"');
    expect(withKey).toContain('>More foster carers</text>');
    expect(withKey).toContain('<rect x="');
  });

  it('wraps a long source line and escapes text', () => {
    const long = `Source: ${'word '.repeat(80)}end.`;
    const svg = frameChartSvg(body, { ...frame, title: 'Costs & places <by year>', source: long });
    expect(svg).toContain('Costs &amp; places &lt;by year&gt;');
    expect(svg).not.toContain('Costs & places');
    expect((svg.match(/font-size="11"/g) ?? []).length).toBeGreaterThan(1);
    expect(escapeXml(`"a" 'b'`)).toBe('&quot;a&quot; &apos;b&apos;');
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });

  it('reads the size back and names files safely', () => {
    expect(() => svgSize('<svg viewBox="0 0 1 1"></svg>')).toThrow();
    expect(chartFileStem('compare', 'Bed gap by year', 'Greater Manchester')).toBe(
      'compare-bed-gap-by-year-greater-manchester',
    );
    expect(chartFileStem('Côte’s chart')).toBe('cote-s-chart');
    expect(chartFileStem('—')).toBe('chart');
  });
});
