// `npm run mock`: the mock Basiq from basiq-react/testing on loopback, with its stand-in consent
// page sending people back to this app, and one user to sign in as. It prints the environment
// the app needs; the end-to-end test starts it the same way through `startMock()`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockBasiqServer } from 'basiq-react/testing';

/** The Basiq user everyone who signs in to the example becomes. */
export const EXAMPLE_USER = { id: 'example-user', mobile: '+61400000000' };

/**
 * Starts the mock Basiq for the app at `appUrl`.
 * @param {{ appUrl: string, port?: number, stepMs?: number }} options
 */
export async function startMock({ appUrl, port = 0, stepMs = 1500 }) {
  // The key the mock accepts; the real Basiq needs yours from its dashboard.
  const apiKey = 'mock-api-key';
  const mock = await startMockBasiqServer({ port, redirectUrl: appUrl, stepMs, apiKey });
  mock.control.createUser({ id: EXAMPLE_USER.id, mobile: EXAMPLE_USER.mobile });
  return {
    mock,
    env: {
      BASIQ_API_KEY: apiKey,
      BASIQ_BASE_URL: mock.url,
      BASIQ_CONSENT_URL: mock.consentUrl,
      BASIQ_USER_ID: EXAMPLE_USER.id,
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const appUrl = process.env.APP_URL ?? 'http://127.0.0.1:3000';
  const { mock, env } = await startMock({ appUrl, port: Number(process.env.MOCK_PORT ?? 4010) });
  console.log(mock.banner);
  console.log('\nStart the app with:\n');
  console.log(
    `  ${Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')} npm run dev\n`,
  );
  process.on('SIGINT', () => mock.close().then(() => process.exit(0)));
}
