// Request bodies that are not the shape Basiq documents, sent through MSW: each gets 400
// `parameter-not-valid` with `source.pointer` (or, for MFA answers, `source.parameter`), an
// envelope core.yml allows, and changes nothing.
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../contract/openapi';
import { BASE, call, setupMockBasiq } from '../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

/** A POST of `body` exactly as given (`call` would JSON-encode it). */
async function postRaw(path: string, token: string, body?: string) {
  const response = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown };
}

/** Checks a refusal against the operation's 400 in core.yml and returns its one error. */
function refusal(answer: { status: number; body: unknown }, operation: [string, string]) {
  expect(answer.status).toBe(400);
  const [method, path] = operation;
  expect(validateResponse({ method, path, status: 400, body: answer.body })).toEqual([]);
  const { data } = answer.body as { data: Array<Record<string, unknown>> };
  expect(data).toHaveLength(1);
  return data[0];
}

const NOT_OBJECTS = ['12345', 'null', '[]', '"text"', 'true', '{"email":', 'not json'];

describe('createBasiqMock', () => {
  it('should refuse a user update whose body is not an object, pointing at /', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1', mobile: '+61400000001' });
    const token = control.serverToken();
    for (const body of NOT_OBJECTS) {
      const answer = await postRaw('/users/u1', token, body);
      expect(refusal(answer, ['POST', '/users/{userId}']), body).toMatchObject({
        type: 'error',
        code: 'parameter-not-valid',
        source: { pointer: '/' },
      });
    }
    const user = await call('/users/u1', { token });
    expect(await user.json()).toMatchObject({ mobile: '+61400000001', firstName: '' });
  });

  it('should refuse a user update with a field that is not a string, pointing at it', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1', mobile: '+61400000001' });
    const token = control.serverToken();
    const cases = [
      ['{"mobile":42}', '/mobile'],
      ['{"firstName":"Ann","email":null}', '/email'],
      ['{"lastName":["Lee"]}', '/lastName'],
      ['{"middleName":{"x":1}}', '/middleName'],
    ] as const;
    for (const [body, pointer] of cases) {
      const answer = await postRaw('/users/u1', token, body);
      expect(refusal(answer, ['POST', '/users/{userId}']), body).toMatchObject({
        code: 'parameter-not-valid',
        source: { pointer },
      });
    }
    // Nothing was half-applied: firstName of the second case was not saved.
    const user = await call('/users/u1', { token });
    expect(await user.json()).toMatchObject({ mobile: '+61400000001', firstName: '' });
    // Unknown fields are still ignored, and an empty body changes nothing.
    expect((await postRaw('/users/u1', token, '{"nickname":7}')).status).toBe(200);
    expect((await postRaw('/users/u1', token)).status).toBe(200);
  });

  it('should refuse a new user whose body is not an object or has a field of the wrong type', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    for (const body of NOT_OBJECTS) {
      const answer = await postRaw('/users', token, body);
      expect(refusal(answer, ['POST', '/users']), body).toMatchObject({
        source: { pointer: '/' },
      });
    }
    const mistyped = await postRaw('/users', token, '{"email":"ann@example.com","mobile":42}');
    expect(refusal(mistyped, ['POST', '/users'])).toMatchObject({
      code: 'parameter-not-valid',
      source: { pointer: '/mobile' },
    });
    // Without an email or a mobile it is still "not supplied", whatever else is wrong.
    const missing = await postRaw('/users', token, '{"mobile":42}');
    expect(refusal(missing, ['POST', '/users'])).toMatchObject({
      code: 'parameter-not-supplied',
      source: { parameter: 'email' },
    });
    expect(control.requests().filter((r) => r.status === 201)).toEqual([]);
  });

  it('should refuse an auth link body that is not an object or has a mobile that is not a string', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1', mobile: '+61400000001' });
    const token = control.serverToken();
    for (const body of NOT_OBJECTS) {
      const answer = await postRaw('/users/u1/auth_link', token, body);
      expect(refusal(answer, ['POST', '/users/{userId}/auth_link']), body).toMatchObject({
        source: { pointer: '/' },
      });
    }
    for (const body of ['{"mobile":42}', '{"mobile":null}', '{"mobile":["+614"]}']) {
      const answer = await postRaw('/users/u1/auth_link', token, body);
      expect(refusal(answer, ['POST', '/users/{userId}/auth_link']), body).toMatchObject({
        code: 'parameter-not-valid',
        source: { pointer: '/mobile' },
      });
    }
    expect((await call('/users/u1/auth_link', { token })).status).toBe(410);
    // No body at all is fine: the link goes to the user's own mobile.
    const made = await postRaw('/users/u1/auth_link', token);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ mobile: '+61400000001' });
  });

  it('should answer an MFA body of any wrong shape with 400 naming mfa-response', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1', scenario: 'mfa-token', stepMs: 1000 });
    control.advance(1000);
    const token = control.clientToken('u1');
    const before = await (await call(`/jobs/${jobId}`, { token })).json();
    for (const body of [...NOT_OBJECTS, '{"mfa-response":"123456"}', '{"mfa-response":[42]}']) {
      const answer = await postRaw(`/jobs/${jobId}/mfa`, token, body);
      const error = refusal(answer, ['POST', '/jobs/{jobId}/mfa']);
      expect(error, body).toMatchObject({ source: { parameter: 'mfa-response' } });
      expect(['parameter-not-supplied', 'parameter-not-valid']).toContain(error?.code);
    }
    // The job still waits for its answer, and takes the right one.
    expect(await (await call(`/jobs/${jobId}`, { token })).json()).toEqual(before);
    const answered = await postRaw(`/jobs/${jobId}/mfa`, token, '{"mfa-response":["123456"]}');
    expect(answered.status).toBe(202);
  });
});
