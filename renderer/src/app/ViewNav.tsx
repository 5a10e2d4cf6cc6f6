import type { ViewDefinition } from './views';

export interface ViewNavProps {
  views: readonly ViewDefinition[];
  current: string;
  onSelect(id: string): void;
}

export function ViewNav({ views, current, onSelect }: ViewNavProps) {
  return (
    <nav aria-label="Views" className="view-nav">
      <ul>
        {views.map((view) => (
          <li key={view.id}>
            <button
              type="button"
              className="view-nav-item"
              aria-current={view.id === current ? 'page' : undefined}
              onClick={() => onSelect(view.id)}
            >
              {view.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
