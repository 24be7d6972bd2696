import { describe, expect, it } from 'vitest';
import { defaultLabels } from '../../src/labels/defaultLabels';
import { unknownLabelKeys } from '../../src/labels/unknownLabelKeys';

describe('unknownLabelKeys', () => {
  it('should find nothing in the defaults themselves or in a partial override', () => {
    expect(unknownLabelKeys(defaultLabels)).toEqual([]);
    expect(
      unknownLabelKeys({
        mfaForm: { title: 'Bestätigen Sie' },
        connectionStatus: { failure: { credentials: { action: 'Erneut versuchen' } } },
      }),
    ).toEqual([]);
    expect(unknownLabelKeys(undefined)).toEqual([]);
  });

  it('should name unknown keys at every depth with the closest known key beside them', () => {
    expect(
      unknownLabelKeys({
        mfaForm: { titel: 'Verify' },
        connectButton: { action: { conect: 'Go' } },
        connectionStatus: { failure: { credentails: { message: 'No' } } },
      }),
    ).toEqual([
      { path: 'mfaForm.titel', suggestion: 'title' },
      { path: 'connectButton.action.conect', suggestion: 'connect' },
      { path: 'connectionStatus.failure.credentails', suggestion: 'credentials' },
    ]);
  });

  it('should suggest nothing when no known key is close, and flag unknown top-level keys', () => {
    expect(unknownLabelKeys({ checkout: { pay: 'Pay' }, mfaForm: { zzz: 'x' } })).toEqual([
      { path: 'checkout', suggestion: undefined },
      { path: 'mfaForm.zzz', suggestion: undefined },
    ]);
  });

  it('should accept any step title and any consent status, which Basiq may add', () => {
    expect(
      unknownLabelKeys({
        steps: { 'retrieve-income': 'Getting your income' },
        consentList: { status: { suspended: 'Paused' } },
      }),
    ).toEqual([]);
  });

  it('should not read into a known text given an object (a wrong value, not a wrong key)', () => {
    expect(unknownLabelKeys({ mfaForm: { title: { nested: 'x' } } })).toEqual([]);
  });
});
