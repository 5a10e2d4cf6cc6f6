import { useDisclosure } from '../useDisclosure';

export interface WorkshopBarProps {
  consortiumName: string;
  viewLabel: string;
  /** 1-based place of the current view, and how many there are. */
  position: { number: number; count: number };
  previousLabel: string | null;
  nextLabel: string | null;
  onPrevious(): void;
  onNext(): void;
  /** True when the plan has changes not yet saved (levers change the plan). */
  dirty: boolean;
  panelShown: boolean;
  onTogglePanel(): void;
  onChooseLevers(): void;
  onExit(): void;
}

/**
 * The slim bar shown instead of the title bar and toolbar in workshop mode: whose plan, which view
 * (announced when it changes), moving between views, the levers, and the way out.
 */
export function WorkshopBar(props: WorkshopBarProps) {
  const { consortiumName, viewLabel, position, previousLabel, nextLabel, dirty } = props;
  return (
    <div className="workshop-bar" data-testid="workshop-bar" role="region" aria-label="Workshop">
      <div className="workshop-bar-identity">
        <span className="workshop-consortium">{consortiumName}</span>
        <span className="workshop-divider" aria-hidden="true" />
        <span className="workshop-view" aria-live="polite" aria-atomic="true" data-testid="workshop-current-view">
          <span className="visually-hidden">Showing the </span>
          <span className="workshop-view-name">{viewLabel}</span>
          <span className="visually-hidden"> view</span>
          <span className="workshop-position">
            {' '}
            ({position.number} of {position.count})
          </span>
        </span>
        {dirty && (
          <span className="workshop-unsaved" data-testid="workshop-unsaved">
            <span aria-hidden="true">• </span>unsaved changes
          </span>
        )}
      </div>
      <div className="workshop-bar-actions">
        <button
          type="button"
          className="workshop-button"
          aria-disabled={previousLabel === null}
          aria-keyshortcuts="PageUp ArrowLeft"
          title={previousLabel ? `Previous view: ${previousLabel} (Page Up or ←)` : 'This is the first view'}
          onClick={() => previousLabel && props.onPrevious()}
        >
          <span aria-hidden="true">‹ </span>Previous view
        </button>
        <button
          type="button"
          className="workshop-button"
          aria-disabled={nextLabel === null}
          aria-keyshortcuts="PageDown ArrowRight"
          title={nextLabel ? `Next view: ${nextLabel} (Page Down or →)` : 'This is the last view'}
          onClick={() => nextLabel && props.onNext()}
        >
          Next view<span aria-hidden="true"> ›</span>
        </button>
        <LeversMenu
          panelShown={props.panelShown}
          onTogglePanel={props.onTogglePanel}
          onChooseLevers={props.onChooseLevers}
        />
        <button
          type="button"
          className="workshop-button workshop-exit"
          aria-keyshortcuts="Escape"
          title="Leave workshop mode (Esc)"
          onClick={props.onExit}
          data-testid="workshop-exit"
        >
          Exit workshop
        </button>
      </div>
    </div>
  );
}

interface LeversMenuProps {
  panelShown: boolean;
  onTogglePanel(): void;
  onChooseLevers(): void;
}

/** "Levers": a disclosure with showing or hiding the lever panel, and choosing the levers. */
function LeversMenu({ panelShown, onTogglePanel, onChooseLevers }: LeversMenuProps) {
  const { expanded, panelId, close, rootProps, buttonProps } = useDisclosure();

  return (
    <div className="workshop-menu" {...rootProps}>
      <button {...buttonProps} type="button" className="workshop-button" data-testid="workshop-levers-menu">
        Levers <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="workshop-menu-panel" hidden={!expanded}>
        <button
          type="button"
          className="workshop-menu-item"
          aria-pressed={panelShown}
          onClick={() => {
            close();
            onTogglePanel();
          }}
        >
          Show the lever panel
        </button>
        <button
          type="button"
          className="workshop-menu-item"
          data-testid="workshop-choose-levers"
          onClick={() => {
            close();
            onChooseLevers();
          }}
        >
          Choose levers…
        </button>
      </div>
    </div>
  );
}
