// Malformed requests to the mock Basiq over real HTTP on loopback (Node's fetch and raw sockets).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBasiqServer, type MockBasiqServer } from '../../src/testing';
import { clientOf } from './startMockBasiqServerFixtures';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Sends raw bytes to the server and resolves with everything it answers. */
const rawHttp = (url: string, bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });

describe('startMockBasiqServer', () => {
  describe('malformed requests', () => {
    let server: MockBasiqServer;
    beforeAll(async () => {
      server = await startMockBasiqServer({ clock: 'manual' });
    });
    afterAll(() => server.close());

    it('should answer a non-JSON MFA body with a 400 envelope and keep serving', async () => {
      const { jobId } = server.control.createJob({
        userId: 'u1',
        scenario: 'mfa-token',
        stepMs: 1000,
      });
      server.control.advance(1000);
      const token = server.control.clientToken('u1');
      const response = await fetch(`${server.url}/jobs/${jobId}/mfa`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
        body: '{"mfa-response": [',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        type: 'list',
        correlationId: expect.any(String),
        data: [{ type: 'error', source: { parameter: 'mfa-response' } }],
      });
      // The job still waits for its answer, and takes it.
      const client = clientOf(server, 'u1');
      await expect(client.getJob(jobId)).resolves.toMatchObject({ phase: 'mfa-required' });
      await expect(client.submitMfa(jobId, ['123456'])).resolves.toEqual({ jobId });
    });

    it('should answer an unknown path with a 404 envelope', async () => {
      const response = await fetch(`${server.url}/no/such/path?x=1`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        type: 'list',
        data: [{ type: 'error', code: 'resource-not-found' }],
      });
      const consentGet = await fetch(`${server.consentUrl}/connect`);
      expect(consentGet.status).toBe(404);
    });

    it('should survive bytes that are not HTTP and a client that hangs up mid-body', async () => {
      const garbage = await rawHttp(server.url, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400/);
      await rawHttp(
        server.url,
        'POST /jobs/x/mfa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"mfa',
      ).catch(() => undefined);
      const token = server.control.clientToken('u1');
      const after = await fetch(`${server.url}/users/u1/jobs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(after.status).toBe(200);
    });
  });
});
