import { Component, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** Names what failed, e.g. "the Data view". */
  what: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/** Keeps a failing view from taking the whole app down; the rest of the shell stays usable. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="view-failure" role="alert">
        <h1>Something went wrong showing {this.props.what}</h1>
        <p>{error.message || 'An unexpected error occurred.'}</p>
        <p>Your plan has not been changed by this. You can try again, or switch to another view.</p>
        <button type="button" className="button button-primary" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
