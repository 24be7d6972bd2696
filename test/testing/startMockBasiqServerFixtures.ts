// Shared fixtures for the startMockBasiqServer*.test.ts files (not a test file itself).
import { createBasiqClient } from '../../src';
import type { MockBasiqServer } from '../../src/testing';

export const APP_ORIGIN = 'http://localhost:5173';

/** A client of the mock at `server`, acting for `userId` with a token minted by the mock. */
export const clientOf = (server: MockBasiqServer, userId: string) =>
  createBasiqClient({
    baseUrl: server.url,
    consentBaseUrl: server.consentUrl,
    getToken: async () => server.control.clientToken(userId),
    retry: { attempts: 1 },
  });
