import { describe, expect, it } from 'vitest';
import { isAllowedUrl } from '../../src';

describe('isAllowedUrl', () => {
  it.each([
    ['https://consent.basiq.io/home?token=x', true],
    ['https://CONSENT.basiq.io/home', true],
    ['http://127.0.0.1:4010/consent/home', true],
    ['http://localhost:6006/', true],
    ['http://[::1]:4010/', true],
    ['http://consent.basiq.io/home', false],
    ['https://consent.basiq.io.evil.example/home', false],
    ['https://user:pass@consent.basiq.io/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['//consent.basiq.io/home', false],
    ['not a url', false],
  ])('should judge %s as %s', (url, allowed) => {
    expect(isAllowedUrl(url)).toBe(allowed);
  });

  it('should take an app’s own host list', () => {
    expect(isAllowedUrl('https://bank.example/x', ['bank.example'])).toBe(true);
    expect(isAllowedUrl('https://consent.basiq.io/x', ['bank.example'])).toBe(false);
  });
});
