import { useEffect, useId, useState } from 'react';
import type { BasiqMockControl, MockRequest } from '../../src/testing';
import './stories.css';

/** Props of {@link RequestLog}. */
export interface RequestLogProps {
  /** The story's mock, whose requests are shown. */
  control: BasiqMockControl;
  /** How often the log reads the mock again, in ms. @default 500 */
  everyMs?: number;
  /** How many of the newest requests to show (the count above counts them all). @default 40 */
  limit?: number;
}

/** The mock's request log (`control.requests()`), read again every `everyMs`, newest first. */
export function RequestLog({ control, everyMs = 500, limit = 40 }: RequestLogProps) {
  // Unique per log: a docs page renders several Playground stories at once.
  const titleId = useId();
  const [log, setLog] = useState<MockRequest[]>(() => control.requests());
  // A new mock remounts the story, so `control` does not change under a mounted log.
  useEffect(() => {
    const timer = setInterval(() => setLog(control.requests()), everyMs);
    return () => clearInterval(timer);
  }, [control, everyMs]);
  const start = log[0]?.time ?? 0;
  const failed = log.filter((entry) => entry.status >= 400).length;
  const rows = log.slice(-limit).reverse();
  return (
    <section className="sb-request-log" aria-labelledby={titleId}>
      <h2 id={titleId} className="sb-log-title">
        Requests to the mock
      </h2>
      <p className="sb-log-count" data-testid="request-count">
        {log.length} requests, {failed} failed (from <code>control.requests()</code>, every{' '}
        {everyMs} ms)
      </p>
      <div tabIndex={0} role="region" aria-label="Request log" className="sb-log-scroll">
        <table className="sb-log-table">
          <thead>
            <tr>
              {['+ms', 'method', 'path', 'auth', 'status'].map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((entry, index) => (
              <tr key={log.length - index} data-status={entry.status}>
                <td>{entry.time - start}</td>
                <td>{entry.method}</td>
                <td className="sb-log-wrap">
                  {entry.path}
                  {entry.search ? `?${decodeURIComponent(entry.search)}` : ''}
                </td>
                <td>{entry.auth}</td>
                <td className={entry.status >= 400 ? 'sb-log-failed' : undefined}>
                  {entry.status || '…'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
