// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import * as kit from '../../src';
import {
  BasiqProvider,
  useAuthLink,
  useBasiqClient,
  useConsentLauncher,
  useConsentRedirect,
  useConsents,
  useCreateAuthLink,
  useDeleteAuthLink,
  useEvents,
  useJob,
  useJobs,
  useRevokeConsent,
  useSubmitMfa,
  useUserJobs,
} from '../../src';
import { createBasiqMock } from '../../src/testing';
import { setupMswServer } from '../support/server';

const mock = createBasiqMock();
const server = setupMswServer(...mock.handlers);
const seen: string[] = [];
server.events.on(
  'request:start',
  ({ request }) => void seen.push(`${request.method} ${request.url}`),
);
afterEach(() => {
  seen.length = 0;
  mock.control.reset();
});

const text = (value: unknown) => (value === undefined ? '-' : String(value));

function Everything() {
  const client = useBasiqClient();
  const job = useJob('j-1');
  const jobs = useJobs(['j-1', 'j-2']);
  const userJobs = useUserJobs('u1');
  const consents = useConsents('u1');
  const link = useAuthLink('u1');
  const events = useEvents({ userId: 'u1' });
  const submit = useSubmitMfa('j-1');
  const revoke = useRevokeConsent('u1');
  const create = useCreateAuthLink('u1');
  const remove = useDeleteAuthLink('u1');
  const launcher = useConsentLauncher({ action: 'connect' });
  const redirect = useConsentRedirect({ clean: true });
  const rows: Array<[string, string]> = [
    ['client', typeof client.getJob],
    ['job', `${job.status} ${text(job.phase)} ${job.isTerminal}`],
    ['jobs', `${jobs.isPending} ${text(jobs.phase)} ${jobs.jobs.length}`],
    ['userJobs', `${userJobs.status} ${text(userJobs.data)}`],
    ['consents', `${consents.status} ${text(consents.data)}`],
    ['authLink', `${link.status} ${text(link.data)}`],
    ['events', `${events.status} ${text(events.data)}`],
    ['mutations', [submit, revoke, create, remove].map((m) => m.status).join(' ')],
    ['launcher', `${launcher.isReady} ${text(launcher.href)} ${text(launcher.error)}`],
    ['redirect', `${redirect.hasRedirect} ${redirect.jobIds.length} ${redirect.stateMismatch}`],
  ];
  return (
    <dl>
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const EXPECTED: Array<[string, string]> = [
  ['client', 'function'],
  ['job', 'pending - false'],
  ['jobs', 'true - 0'],
  ['userJobs', 'pending -'],
  ['consents', 'pending -'],
  ['authLink', 'pending -'],
  ['events', 'pending -'],
  ['mutations', 'idle idle idle idle'],
  ['launcher', 'false - -'],
  ['redirect', 'false 0 false'],
];

describe('BasiqProvider (server rendering)', () => {
  it('should import in Node without a window', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect(typeof kit.BasiqProvider).toBe('function');
    expect(typeof kit.useJob).toBe('function');
  });

  it('should render every hook in its loading state, sending nothing', async () => {
    let html = '';
    expect(() => {
      html = renderToString(
        <BasiqProvider tokenUrl="/api/basiq/token" userId="u1">
          <Everything />
        </BasiqProvider>,
      );
    }).not.toThrow();
    const rows = EXPECTED.map(([name, value]) => `<div><dt>${name}</dt><dd>${value}</dd></div>`);
    expect(html).toBe(`<dl>${rows.join('')}</dl>`);
    // Nothing was sent during the render, nor right after it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    expect(mock.control.requests()).toEqual([]);
  });
});
