import { describe, expect, it } from 'vitest';
import { failureFamily, type FailureFamily } from '../../src/client/failureFamily';
import { defaultLabels } from '../../src/labels/defaultLabels';

describe('failureFamily', () => {
  it.each<[string, FailureFamily]>([
    ['invalid-credentials', 'credentials'],
    ['authorization-failed', 'credentials'],
    ['account-not-accessible-requires-user-action', 'userAction'],
    ['user-action-required', 'userAction'],
    ['service-unavailable', 'unavailable'],
    ['system-unavailable', 'unavailable'],
    ['maintenance', 'unavailable'],
    ['connector-error', 'unavailable'],
    ['institution-not-available', 'unavailable'],
    ['job-timed-out', 'timedOut'],
    ['institution-disabled', 'institution'],
    ['institution-not-found', 'institution'],
    ['institution-not-supported', 'institution'],
    ['invalid-csv-row', 'generic'],
    ['a-code-from-2031', 'generic'],
    ['unknown-error', 'generic'],
  ])('should put %s in the %s family', (code, family) => {
    expect(failureFamily(code)).toBe(family);
  });

  it.each(['  Invalid-Credentials ', 'INVALID-CREDENTIALS', '\tinvalid-credentials\n'])(
    'should read %j whatever its case and spaces',
    (code) => {
      expect(failureFamily(code)).toBe('credentials');
    },
  );

  it.each([
    '',
    ' ',
    'invalid-credentials authorization-failed',
    'invalid',
    'credentials',
    'constructor',
    '__proto__',
    'toString',
  ])('should read %j as generic: only whole codes count', (code) => {
    expect(failureFamily(code)).toBe('generic');
  });

  it('should name only families that have advice in the labels', () => {
    const families = Object.keys(defaultLabels.connectionStatus.failure);
    expect(families).toContain(failureFamily('maintenance'));
    expect(families).toContain(failureFamily('nothing-like-it'));
  });
});
