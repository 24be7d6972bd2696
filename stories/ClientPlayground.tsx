import { useState } from 'react';
import { createBasiqClient, normalizeJob, type TokenInfo } from '../src';
import './support/stories.css';

const now = () => Math.floor(Date.now() / 1000);
const encode = (value: object) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (payload: object) => `${encode({ alg: 'none' })}.${encode(payload)}.`;

/** Sample tokens: the guard must accept only the first. */
export const sampleTokens: Record<string, string> = {
  'CLIENT_ACCESS (accepted)': jwt({ scope: 'CLIENT_ACCESS', userid: 'user-1', exp: now() + 3600 }),
  'SERVER_ACCESS (refused)': jwt({ scope: 'SERVER_ACCESS', exp: now() + 3600 }),
  'expired CLIENT_ACCESS (refused)': jwt({ scope: 'CLIENT_ACCESS', exp: now() - 60 }),
  'not a JWT (refused)': 'sk_live_123',
};

/** Paste or pick a token and see what the client's guard says of it. No request is sent. */
export function TokenGuardPlayground({ initialToken }: { initialToken: string }) {
  const [token, setToken] = useState(initialToken);
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);

  const check = async () => {
    const client = createBasiqClient({ getToken: async () => token });
    try {
      const info: TokenInfo = await client.tokenInfo();
      setVerdict({ ok: true, text: `Accepted: scope ${info.scope}, user ${info.userId ?? '—'}` });
    } catch (error) {
      setVerdict({ ok: false, text: `${(error as Error).name}: ${(error as Error).message}` });
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void check();
      }}
      className="sb-stack sb-stack-640"
    >
      <label htmlFor="token">Token</label>
      <textarea id="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} />
      <button type="submit">Check token</button>
      <output role="status" data-ok={verdict?.ok}>
        {verdict?.text}
      </output>
    </form>
  );
}

/** Shows what normalizeJob makes of a raw Basiq job. */
export function JobViewer({ raw }: { raw: unknown }) {
  const job = normalizeJob(raw);
  return (
    <section className="sb-font">
      <p>
        Phase: <strong data-testid="phase">{job.phase}</strong>
        {job.failure ? ` (${job.failure.code})` : ''}
      </p>
      <ol>
        {job.steps.map((step) => (
          <li key={step.title}>
            {step.title}: {step.status}
          </li>
        ))}
      </ol>
    </section>
  );
}
