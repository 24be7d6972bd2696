import { describe, expect, it } from 'vitest';
import { decodeJwtPayload } from '../../src/internal/decodeJwtPayload';
import { makeJwt } from '../support/jwt';

const header = makeJwt({}).split('.')[0]!;
/** base64url without padding, the way JWTs carry their parts. */
const part = (text: string) => Buffer.from(text, 'utf8').toString('base64url').replace(/=+$/, '');
const token = (payloadJson: string, signature = 'sig') =>
  `${header}.${part(payloadJson)}.${signature}`;

describe('decodeJwtPayload', () => {
  it('should return the payload object of a JWT, whatever its signature', () => {
    const payload = { scope: 'CLIENT_ACCESS', userid: 'user-1', exp: 1_900_000_000 };
    expect(decodeJwtPayload(makeJwt(payload))).toEqual(payload);
    expect(decodeJwtPayload(token(JSON.stringify(payload), 'not-a-real-signature'))).toEqual(
      payload,
    );
  });

  it('should read base64url (- and _) rather than only base64', () => {
    const payload = { a: '>>>', b: '???' };
    const jwt = makeJwt(payload);
    const middle = jwt.split('.')[1]!;
    expect(middle).toMatch(/-/);
    expect(middle).toMatch(/_/);
    expect(decodeJwtPayload(jwt)).toEqual(payload);
  });

  it('should decode the payload as UTF-8', () => {
    const payload = { name: 'Zoë Ngô', city: 'Kraków', mark: '🦘' };
    expect(decodeJwtPayload(makeJwt(payload))).toEqual(payload);
  });

  it('should refuse values that are not a three-part token', () => {
    const jwt = makeJwt({ userid: 'u' });
    for (const value of [
      undefined,
      null,
      42,
      {},
      '',
      'abc',
      jwt.split('.').slice(0, 2).join('.'),
    ]) {
      expect(decodeJwtPayload(value), String(value)).toBeUndefined();
    }
    expect(decodeJwtPayload(`${jwt}.extra`)).toBeUndefined();
  });

  it('should refuse a payload part that is empty, padded or not base64url', () => {
    expect(decodeJwtPayload(`${header}..sig`)).toBeUndefined();
    expect(decodeJwtPayload(`${header}.${btoa('{"a":1}')}.sig`)).toBeUndefined(); // "=" padding
    expect(decodeJwtPayload(`${header}.e30+.sig`)).toBeUndefined();
    expect(decodeJwtPayload(`${header}.a.sig`)).toBeUndefined(); // not decodable
  });

  it('should refuse a payload that is not JSON', () => {
    expect(decodeJwtPayload(token('not json'))).toBeUndefined();
    expect(decodeJwtPayload(token('{"a":'))).toBeUndefined();
  });

  it('should refuse a JSON payload that is not an object', () => {
    for (const json of ['[1,2]', '"text"', '42', 'null', 'true']) {
      expect(decodeJwtPayload(token(json)), json).toBeUndefined();
    }
  });
});
