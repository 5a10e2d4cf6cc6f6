/**
 * The one chooser of a consortium's member authorities, shared by the Members dialog (changing the
 * members of an open plan) and the New plan dialog: a search by name, region or code, the count
 * chosen, "Clear all", and every authority as a checkbox grouped by region, each region with its own
 * "Choose all" and "Clear". The list scrolls on its own and can be reached and scrolled by keyboard.
 * The caller owns the choice; the chooser only reports each change.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AuthorityChoice } from '#shared/api/contract.js';
import {
  chosenInGroup,
  chosenStatus,
  groupByRegion,
  withCode,
  withCodes,
  withoutCodes,
} from '../views/data/membersModel';
import { formatNumber } from '../format/numbers';

export interface AuthorityChooserProps {
  /** null while the list is loading. */
  authorities: AuthorityChoice[] | null;
  loadError: string | null;
  chosen: ReadonlySet<string>;
  onChange(next: ReadonlySet<string>): void;
  /** Codes whose regions are listed first (default: the current members). */
  leading?: ReadonlySet<string>;
  /** A change here scrolls the list back to the top (a new starting point, say), as a new search does. */
  scrollKey?: string;
  disabled?: boolean;
  /** The tag for an authority with no figures, e.g. "no data in this plan yet". */
  noDataLabel: string;
  /** A problem with the choice, shown by the count (and described there for the caller's button). */
  problem?: string | null;
  problemId?: string;
  /** Puts the first focus of the dialog in the search box. */
  autoFocusSearch?: boolean;
}

export function AuthorityChooser({
  authorities,
  loadError,
  chosen,
  onChange,
  leading,
  scrollKey,
  disabled = false,
  noDataLabel,
  problem = null,
  problemId,
  autoFocusSearch = false,
}: AuthorityChooserProps) {
  const filterId = useId();
  const fallbackProblemId = useId();
  const [filter, setFilter] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);

  const groups = useMemo(() => groupByRegion(authorities ?? [], filter, leading), [authorities, filter, leading]);
  const filtered = filter.trim() !== '';

  // a new search, or a new starting point, shows its list from the top
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [scrollKey, filter]);

  return (
    <div className="authority-chooser">
      <div className="field">
        <label htmlFor={filterId}>Search by name, region or code</label>
        <input
          id={filterId}
          type="search"
          className="text-input text-input-full"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          data-autofocus={autoFocusSearch ? true : undefined}
          data-testid="member-search"
        />
      </div>
      <div className="members-bar">
        <p className="members-status" role="status" data-testid="members-count">
          {authorities === null
            ? loadError
              ? ''
              : 'Loading the list of authorities…'
            : chosenStatus(authorities, chosen)}
        </p>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange(new Set())}
          disabled={disabled || authorities === null}
          data-testid="members-clear-all"
        >
          Clear all
        </button>
      </div>
      {problem && (
        <p id={problemId ?? fallbackProblemId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {loadError && (
        <p className="field-error" role="alert">
          The list of authorities could not be loaded: {loadError}
        </p>
      )}
      {authorities !== null && groups.length === 0 && (
        <p className="muted">{filtered ? `No authority matches “${filter.trim()}”.` : 'No authorities are listed.'}</p>
      )}
      <div
        ref={scrollRef}
        className="member-scroll"
        role="region"
        aria-label="Authorities by region"
        tabIndex={0}
        data-testid="member-scroll"
      >
        <div className="member-groups">
          {groups.map((group) => {
            const inGroup = chosenInGroup(group, chosen);
            const codes = group.authorities.map((a) => a.onsCode);
            const what = filtered
              ? `the ${codes.length} shown in ${group.region}`
              : `all ${codes.length} in ${group.region}`;
            return (
              <fieldset key={group.region} className="member-group" data-region={group.region}>
                <legend>
                  {group.region}{' '}
                  <span className="member-group-count">
                    ({inGroup} of {group.authorities.length} chosen)
                  </span>
                </legend>
                <div className="member-group-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onChange(withCodes(chosen, codes))}
                    disabled={disabled}
                    aria-label={`Choose ${what}`}
                    data-testid="region-choose-all"
                  >
                    {filtered ? 'Choose shown' : 'Choose all'}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onChange(withoutCodes(chosen, codes))}
                    disabled={disabled}
                    aria-label={`Clear ${what}`}
                    data-testid="region-clear"
                  >
                    Clear
                  </button>
                </div>
                <ul className="member-list">
                  {group.authorities.map((a) => (
                    <li key={a.onsCode}>
                      <label className="member-choice">
                        <input
                          type="checkbox"
                          checked={chosen.has(a.onsCode)}
                          onChange={(e) => onChange(withCode(chosen, a.onsCode, e.target.checked))}
                          data-code={a.onsCode}
                          disabled={disabled}
                        />
                        <span className="member-text">
                          <span className="member-name">{a.name}</span>
                          <span className="member-meta">
                            {a.onsCode}
                            {a.observationCount > 0 ? (
                              <> · {formatNumber(a.observationCount)} figures</>
                            ) : (
                              <>
                                {' '}
                                <span className="tag tag-nodata">{noDataLabel}</span>
                              </>
                            )}
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            );
          })}
        </div>
      </div>
    </div>
  );
}
