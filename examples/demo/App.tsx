import { useEffect, useState } from 'react';
import {
  BasiqProvider,
  ConnectButton,
  ConnectionStatus,
  ConsentList,
  useConsentRedirect,
} from 'basiq-react';

/** What the demo backend's `GET /api/config` answers. */
export interface DemoConfig {
  /** Who is signed in (the backend's fake session). */
  user: { id: string; name: string };
  /** Basiq's API: the mock's URL, or https://au-api.basiq.io. */
  baseUrl: string;
  /** The hosted consent UI: the mock's stand-in, or https://consent.basiq.io. */
  consentBaseUrl: string;
  /** `mock`: the mock Basiq on loopback; `basiq`: the real API (`BASIQ_API_KEY` is set). */
  mode: 'mock' | 'basiq';
}

/** Loads the demo's settings from its backend, then renders the page inside `BasiqProvider`. */
export function App() {
  const [config, setConfig] = useState<DemoConfig>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    fetch('/api/config')
      .then((response) =>
        response.ok
          ? (response.json() as Promise<DemoConfig>)
          : Promise.reject(new Error(`/api/config answered ${response.status}`)),
      )
      .then(setConfig, (reason: Error) => setError(reason.message));
  }, []);

  if (error) return <p role="alert">The demo backend is not answering: {error}</p>;
  if (!config) return <p>Loading…</p>;
  return (
    // The token endpoint is this app's own backend (createTokenHandler); the browser never
    // sees the API key or a SERVER_ACCESS token.
    <BasiqProvider
      tokenUrl="/api/basiq/token"
      userId={config.user.id}
      baseUrl={config.baseUrl}
      consentBaseUrl={config.consentBaseUrl}
    >
      <DemoPage config={config} />
    </BasiqProvider>
  );
}

function DemoPage({ config }: { config: DemoConfig }) {
  // After the consent UI, the browser comes back here with `jobIds` and `state`.
  const { jobIds, stateMismatch } = useConsentRedirect({ clean: true });

  return (
    <div className="demo">
      <header className="demo-header">
        <h1>basiq-react demo</h1>
        <p>
          Signed in as <strong>{config.user.name}</strong> (<code>{config.user.id}</code>) ·{' '}
          {config.mode === 'mock' ? 'mock Basiq on loopback' : 'Basiq API'}
        </p>
      </header>
      <main>
        <section aria-labelledby="connect-heading" className="demo-card">
          <h2 id="connect-heading">Your bank connection</h2>
          {stateMismatch && (
            <p role="alert">That link was not started from this page. Please connect again.</p>
          )}
          {jobIds.length > 0 && <ConnectionStatus jobIds={jobIds} />}
          <ConnectButton action="connect">
            {jobIds.length > 0 ? 'Connect another bank' : undefined}
          </ConnectButton>
        </section>
        <section aria-labelledby="consents-heading" className="demo-card">
          <h2 id="consents-heading">Your consents</h2>
          <ConsentList userId={config.user.id} />
        </section>
      </main>
    </div>
  );
}
