import type { RecentPlan } from '#shared/api/contract.js';
import { formatTimestamp } from '../format/dates';

export interface RecentPlansProps {
  recent: RecentPlan[];
  disabled: boolean;
  onOpen(path: string): void;
  emptyText?: string;
}

/** Recent plans as a list of buttons; a plan whose file is missing is greyed out and cannot be chosen. */
export function RecentPlans({
  recent,
  disabled,
  onOpen,
  emptyText = 'Plans you open or save will be listed here.',
}: RecentPlansProps) {
  if (recent.length === 0) return <p className="muted recent-empty">{emptyText}</p>;
  return (
    <ul className="recent-list">
      {recent.map((plan) => (
        <li key={plan.path}>
          <button
            type="button"
            className="recent-item"
            disabled={disabled || !plan.exists}
            onClick={() => onOpen(plan.path)}
          >
            <span className="recent-name">{plan.name}</span>
            <span className="recent-path">{plan.path}</span>
            <span className="recent-meta">
              {plan.exists ? `Last opened ${formatTimestamp(plan.lastOpened)}` : 'File not found'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
