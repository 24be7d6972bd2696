'use client';
// The client side: BasiqProvider asks /api/basiq/token for this user's CLIENT_ACCESS token and
// talks to Basiq with it; the components do the rest.
import {
  BasiqProvider,
  ConnectButton,
  ConnectionStatus,
  ConsentList,
  useConsentRedirect,
} from 'basiq-react';

export interface BankProps {
  userId: string;
  baseUrl: string;
  consentBaseUrl: string;
}

export function Bank({ userId, baseUrl, consentBaseUrl }: BankProps) {
  return (
    <BasiqProvider
      tokenUrl="/api/basiq/token"
      userId={userId}
      baseUrl={baseUrl}
      consentBaseUrl={consentBaseUrl}
    >
      <Connection />
      <section aria-labelledby="consents">
        <h2 id="consents">Your consents</h2>
        <ConsentList userId={userId} />
      </section>
    </BasiqProvider>
  );
}

function Connection() {
  // Basiq's consent UI sends the user back here with the ids of the jobs it started.
  const { jobIds, stateMismatch } = useConsentRedirect({ clean: true });
  return (
    <section aria-labelledby="connection">
      <h2 id="connection">Connection</h2>
      {stateMismatch && (
        <p role="alert">That link was not started from this page. Please connect again.</p>
      )}
      {jobIds.length > 0 && <ConnectionStatus jobIds={jobIds} />}
      <ConnectButton action="connect">
        {jobIds.length > 0 ? 'Connect another bank' : undefined}
      </ConnectButton>
    </section>
  );
}
