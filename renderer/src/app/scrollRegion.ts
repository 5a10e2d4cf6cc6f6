/**
 * Attributes for a box that may scroll sideways (a wide table in a narrow view): the keyboard can reach
 * it (tabindex 0) so it can be scrolled with the arrow keys, and a screen reader announces it as a named
 * region. Spread on the scrolling element: `<div className="table-scroll" {...scrollRegion('Beds by year')}>`.
 * The name should be unique on the screen (axe's landmark-unique rule).
 */
export function scrollRegion(label: string): { role: 'region'; tabIndex: 0; 'aria-label': string } {
  return { role: 'region', tabIndex: 0, 'aria-label': label };
}
