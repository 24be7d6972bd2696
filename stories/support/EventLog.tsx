import { useId, useState } from 'react';
import { useBasiqEvents, type BasiqFlowEvent } from '../../src';
import './stories.css';

/** `key=value` for each field of an event but `type` and `at`, in the event's own order. */
function eventFields(event: BasiqFlowEvent): string {
  return Object.entries(event)
    .filter(([key]) => key !== 'type' && key !== 'at')
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

/** Props of {@link EventLog}. */
export interface EventLogProps {
  /** How many of the newest events to show (the count above counts them all). @default 100 */
  limit?: number;
}

/**
 * The provider's event stream (`useBasiqEvents`), as it happens, newest first like the request
 * log: time since the first event, type, fields. Not a live region: a screen reader user reads
 * it when they choose to, the components announce what matters.
 */
export function EventLog({ limit = 100 }: EventLogProps) {
  // Unique per log: a docs page renders several Playground stories at once.
  const titleId = useId();
  const [events, setEvents] = useState<BasiqFlowEvent[]>([]);
  useBasiqEvents((event) => setEvents((seen) => [...seen, event]));
  const start = events[0]?.at ?? 0;
  const rows = events.slice(-limit).reverse();
  return (
    <section className="sb-event-log" aria-labelledby={titleId}>
      <h2 id={titleId} className="sb-log-title">
        Events
      </h2>
      <p className="sb-log-count" data-testid="event-count">
        {events.length} events (from <code>useBasiqEvents</code>, as they happen)
      </p>
      <div tabIndex={0} role="region" aria-label="Event log" className="sb-log-scroll">
        <table className="sb-log-table">
          <thead>
            <tr>
              <th scope="col">+ms</th>
              <th scope="col">type</th>
              <th scope="col">fields</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event, index) => (
              <tr key={events.length - index} data-type={event.type}>
                <td>{event.at - start}</td>
                <td className="sb-event-type">{event.type}</td>
                <td className="sb-event-fields">{eventFields(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
