import type { ShownError } from './usePlanController';

export interface ErrorAlertProps {
  error: ShownError | null;
  onDismiss(): void;
}

/** The one place errors from calls are shown; it stays until dismissed or the next command starts. */
export function ErrorAlert({ error, onDismiss }: ErrorAlertProps) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-text">
        <p className="alert-message">{error.message}</p>
        {error.code && <p className="alert-code">Error code: {error.code}</p>}
      </div>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        Dismiss<span className="visually-hidden"> error</span>
      </button>
    </div>
  );
}
