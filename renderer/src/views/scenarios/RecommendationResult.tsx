/**
 * A recommendation as the Recommend panel shows it: the homes to open ranked by what each adds
 * (placed in the consortium, 20+ mile placements and missing incidents avoided, NPV change), then
 * the answer in words (against the baseline, the runner-up and how often the choice holds, £1m more,
 * the assumptions that would change it, the method), and "Make a scenario".
 */
import { recommendationText } from '#shared/recommend/text.js';
import type { Recommendation } from '#shared/recommend/types.js';
import { formatMoney, formatMoneyDiff } from '../../format/money';
import { oneDecimal } from '../../format/numbers';

const one = (v: number) => oneDecimal.format(Math.round(v * 10) / 10);

export function RecommendationResult({
  recommendation: r,
  saveMessage,
  onMakeScenario,
}: {
  recommendation: Recommendation;
  saveMessage: string | null;
  onMakeScenario: () => void;
}) {
  const lines = recommendationText(r);
  return (
    <div className="scn-recommend-result" data-testid="recommendation">
      {r.homes.length === 0 ? (
        <p>No home within the budget improves on the baseline for this objective.</p>
      ) : (
        <table className="data-table">
          <caption>Homes to open, ranked by what each adds to those above it (child-years over the horizon)</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Authority</th>
              <th scope="col">Places</th>
              <th scope="col">Opens</th>
              {r.needTypes.shares && <th scope="col">Need type</th>}
              <th scope="col">Capital</th>
              <th scope="col">Placed in the consortium</th>
              <th scope="col">20+ miles avoided</th>
              <th scope="col">Missing incidents avoided</th>
              <th scope="col">NPV change</th>
            </tr>
          </thead>
          <tbody>
            {r.homes.map((h) => (
              <tr key={`${h.la}-${h.places}-${h.openingYear}`}>
                <td>{h.rank}</td>
                <th scope="row">{h.name}</th>
                <td>{h.places}</td>
                <td>{h.openingFinancialYear}</td>
                {r.needTypes.shares && <td>{h.needType === 'soloComplex' ? 'Solo or complex' : 'Mainstream'}</td>}
                <td>{formatMoney(h.capitalCost)}</td>
                <td>+{one(h.adds.placedInConsortium)}</td>
                <td>{one(h.adds.over20MilesAvoided)}</td>
                <td>{one(h.adds.missingIncidentsAvoided)}</td>
                <td>{formatMoneyDiff(h.adds.npvChange)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="scn-recommend-lines">
        {lines.slice(1 + r.homes.length).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {r.homes.length > 0 && (
        <button type="button" className="button" onClick={onMakeScenario}>
          Make a scenario
        </button>
      )}
      {saveMessage && <p role="status">{saveMessage}</p>}
    </div>
  );
}
