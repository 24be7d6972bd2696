import { describe, expect, it } from 'vitest';
import { BasiqApiError } from '../../src/client/errors';
import { apiError, readEnvelope } from '../../src/internal/readEnvelope';

const notFound = {
  type: 'list',
  correlationId: 'ac5ah5i',
  data: [
    {
      type: 'error',
      code: 'resource-not-found',
      title: 'Resource not found',
      detail: 'Job j-1 not found.',
      source: { parameter: 'id' },
    },
  ],
};

describe('readEnvelope', () => {
  it('should read the errors and correlationId of a Basiq envelope', () => {
    expect(readEnvelope(notFound)).toEqual({
      correlationId: 'ac5ah5i',
      errors: [
        {
          code: 'resource-not-found',
          title: 'Resource not found',
          detail: 'Job j-1 not found.',
          source: { parameter: 'id' },
        },
      ],
    });
  });

  it('should take `details` when `detail` is missing, and prefer `detail`', () => {
    const { errors } = readEnvelope({
      data: [
        { code: 'a', details: 'from details' },
        { code: 'b', detail: 'one', details: 'two' },
      ],
    });
    expect(errors.map((e) => e.detail)).toEqual(['from details', 'one']);
  });

  it('should tolerate junk entries and fields', () => {
    const { errors, correlationId } = readEnvelope({
      correlationId: 42,
      data: [null, 'text', [], { code: { id: 503 }, title: 1, source: 'query' }],
    });
    expect(correlationId).toBeUndefined();
    expect(errors).toEqual([
      { code: 'unknown', title: undefined, detail: undefined, source: undefined },
    ]);
  });

  it('should give no errors for a body that is not an envelope', () => {
    for (const body of [undefined, null, '<html>', [notFound], { data: 'x' }, {}]) {
      expect(readEnvelope(body)).toEqual({ errors: [], correlationId: undefined });
    }
  });
});

describe('apiError', () => {
  const where = { method: 'GET', path: '/jobs/j-1' };

  it('should say method, path, status, code and correlationId, then the advice', () => {
    const error = apiError(
      where,
      { status: 404, statusText: 'Not Found', data: notFound, retryAfterMs: 2_000 },
      ' Check the job id.',
    );
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error.name).toBe('BasiqApiError');
    expect(error.message).toBe(
      'GET /jobs/j-1: 404 resource-not-found (correlationId ac5ah5i) Check the job id.',
    );
    expect(error).toMatchObject({
      status: 404,
      code: 'resource-not-found',
      correlationId: 'ac5ah5i',
      retryAfterMs: 2_000,
      method: 'GET',
      path: '/jobs/j-1',
    });
    expect(error.errors).toEqual(readEnvelope(notFound).errors);
  });

  it('should fall back to statusText, then to "error", when there is no code', () => {
    const viaText = apiError(where, { status: 502, statusText: 'Bad Gateway', data: '<html>' });
    expect(viaText.message).toBe('GET /jobs/j-1: 502 Bad Gateway');
    expect(viaText.code).toBeUndefined();
    expect(viaText.errors).toEqual([]);
    expect(viaText.correlationId).toBeUndefined();
    const bare = apiError(
      { method: 'POST', path: '/users' },
      { status: 500, statusText: '', data: null },
    );
    expect(bare.message).toBe('POST /users: 500 error');
  });
});
