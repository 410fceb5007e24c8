/** A loading or error message that assistive technology announces. */
export function LoadingMessage({ what }: { what: string }) {
  return (
    <p role="status" className="status-message">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="error-panel">
      <h2>{title}</h2>
      <p className="preserve-lines">{message}</p>
    </div>
  );
}
