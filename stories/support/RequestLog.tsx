import { useEffect, useState } from 'react';
import type { BasiqMockControl, MockRequest } from '../../src/testing';

/** The mock's request log (`control.requests()`), read again every `everyMs`, newest first. */
export function RequestLog({
  control,
  everyMs = 500,
  limit = 40,
}: {
  control: BasiqMockControl;
  everyMs?: number;
  limit?: number;
}) {
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
    <section className="sb-request-log" aria-labelledby="sb-request-log-title">
      <h2 id="sb-request-log-title" style={{ fontSize: '1rem', margin: '0 0 4px' }}>
        Requests to the mock
      </h2>
      <p style={{ margin: '0 0 8px', fontSize: '0.875rem' }} data-testid="request-count">
        {log.length} requests, {failed} failed (from <code>control.requests()</code>, every{' '}
        {everyMs} ms)
      </p>
      <div
        tabIndex={0}
        role="region"
        aria-label="Request log"
        style={{ maxHeight: 420, overflow: 'auto', border: '1px solid var(--basiq-color-border)' }}
      >
        <table style={{ borderCollapse: 'collapse', fontSize: '0.8125rem', width: '100%' }}>
          <thead>
            <tr>
              {['+ms', 'method', 'path', 'auth', 'status'].map((name) => (
                <th key={name} scope="col" style={{ textAlign: 'left', padding: '2px 6px' }}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((entry, index) => (
              <tr key={log.length - index} data-status={entry.status}>
                <td style={{ padding: '2px 6px' }}>{entry.time - start}</td>
                <td style={{ padding: '2px 6px' }}>{entry.method}</td>
                <td style={{ padding: '2px 6px', wordBreak: 'break-all' }}>
                  {entry.path}
                  {entry.search ? `?${decodeURIComponent(entry.search)}` : ''}
                </td>
                <td style={{ padding: '2px 6px' }}>{entry.auth}</td>
                <td
                  style={{
                    padding: '2px 6px',
                    fontWeight: entry.status >= 400 ? 700 : undefined,
                    color: entry.status >= 400 ? 'var(--basiq-color-danger)' : undefined,
                  }}
                >
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
