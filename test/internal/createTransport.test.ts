import { describe, expect, it, vi } from 'vitest';
import { NOT_JSON, createTransport } from '../../src/internal/createTransport';

const answer = (body: string | null, init?: ResponseInit) =>
  vi.fn<typeof fetch>(async () => new Response(body, init));

describe('createTransport', () => {
  it('should parse a JSON body', async () => {
    const fetchImpl = answer('{"type":"job","id":"j-1"}', {
      headers: { 'content-type': 'application/json' },
    });
    const transport = createTransport(fetchImpl);
    await expect(transport('https://basiq.test/jobs/j-1')).resolves.toEqual({
      type: 'job',
      id: 'j-1',
    });
    expect(String(fetchImpl.mock.calls[0]![0])).toBe('https://basiq.test/jobs/j-1');
  });

  it('should give undefined for an empty or blank body', async () => {
    await expect(createTransport(answer(''))('https://basiq.test/a')).resolves.toBeUndefined();
    await expect(createTransport(answer('  \n'))('https://basiq.test/a')).resolves.toBeUndefined();
    await expect(
      createTransport(answer(null, { status: 204 }))('https://basiq.test/a'),
    ).resolves.toBeUndefined();
  });

  it('should give NOT_JSON for a body that is not JSON, whatever its content-type', async () => {
    const html = answer('<html>proxy error</html>', {
      headers: { 'content-type': 'application/json' },
    });
    await expect(createTransport(html)('https://basiq.test/a')).resolves.toBe(NOT_JSON);
    await expect(createTransport(answer('ok'))('https://basiq.test/a')).resolves.toBe(NOT_JSON);
  });

  it('should parse the body of an error answer too', async () => {
    const transport = createTransport(answer('{"correlationId":"c-1"}', { status: 404 }));
    const error = await transport('https://basiq.test/a', { retry: false }).catch((e) => e);
    expect(error.status).toBe(404);
    expect(error.data).toEqual({ correlationId: 'c-1' });
  });

  it('should look up globalThis.fetch at call time', async () => {
    const transport = createTransport();
    const original = globalThis.fetch;
    const replacement = answer('{"from":"replacement"}');
    globalThis.fetch = replacement;
    try {
      await expect(transport('https://basiq.test/a')).resolves.toEqual({ from: 'replacement' });
      expect(replacement).toHaveBeenCalledTimes(1);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('should use the fetch it was given over globalThis.fetch', async () => {
    const given = answer('1');
    const original = globalThis.fetch;
    const global = answer('2');
    globalThis.fetch = global;
    try {
      await expect(createTransport(given)('https://basiq.test/a')).resolves.toBe(1);
      expect(global).not.toHaveBeenCalled();
    } finally {
      globalThis.fetch = original;
    }
  });
});
