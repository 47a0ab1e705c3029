import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * A read that failed (the database could not open or upgrade, a live query threw) shows what
 * happened instead of a blank panel. Nothing is written here: the data stays as it was.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, { error: Error | null; key: unknown }> {
  override state: { error: Error | null; key: unknown } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error: Error | null; key: unknown }) {
    // Moving to another view or customer tries again.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Switchboard:', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const detail = error.name === 'StorageError' ? error.message : `${error.name}: ${error.message}`;
    return (
      <div className="sb-notice sb-notice-error op-alert" role="alert">
        <p>
          Switchboard could not read its local database. Nothing was changed; close and reopen this page to try again.
          ({detail})
        </p>
      </div>
    );
  }
}
