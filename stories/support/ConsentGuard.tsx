import { useEffect, useRef, useState, type ReactNode } from 'react';
import './stories.css';

/**
 * Keeps a ConnectButton inside from leaving Storybook: Basiq's consent UI cannot be framed, so
 * the click (mouse or keyboard) is stopped before React sees it and `onIntercept` runs instead.
 */
export function ConsentGuard({
  children,
  onIntercept,
  note = 'In Storybook the consent UI does not open (it cannot be framed).',
}: {
  children: ReactNode;
  onIntercept?: () => void;
  note?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [stopped, setStopped] = useState(0);
  const latest = useRef(onIntercept);
  useEffect(() => {
    latest.current = onIntercept;
  });
  useEffect(() => {
    const root = ref.current!;
    const stop = (event: MouseEvent) => {
      const button = (event.target as Element).closest('.basiq-ConnectButton-button');
      if (!button || button.getAttribute('aria-disabled') === 'true') return;
      event.stopPropagation();
      event.preventDefault();
      setStopped((n) => n + 1);
      latest.current?.();
    };
    root.addEventListener('click', stop, true);
    return () => root.removeEventListener('click', stop, true);
  }, []);
  return (
    <div ref={ref} className="sb-consent-guard">
      {children}
      {stopped > 0 && !onIntercept && (
        <p role="note" className="sb-consent-guard-note">
          {note}
        </p>
      )}
    </div>
  );
}
