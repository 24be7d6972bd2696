/**
 * A polite live region: screen readers announce its text each time it changes. Kept in the
 * DOM from the first render (a region added with its text is not announced).
 */
export function LiveRegion({ message }: { message: string }) {
  return (
    <p className="basiq-visuallyHidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}
