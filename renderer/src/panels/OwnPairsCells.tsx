/**
 * The first cells of a row of the consortium's own backtest: years ahead, then the forecast/actual
 * pairs for member authorities and for the consortium total. One for the Projection view's evidence
 * panel and the printed report, whose tables differ only in the columns after these.
 */
import type { OwnRow } from '../models/evidenceModel';

export function OwnPairsCells({ row }: { row: Pick<OwnRow, 'h' | 'pairs' | 'consortiumPairs'> }) {
  return (
    <>
      <th scope="row" className="num">
        {row.h}
      </th>
      <td className="num">{row.pairs}</td>
      <td className="num">{row.consortiumPairs}</td>
    </>
  );
}
