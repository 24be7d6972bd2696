import { act, render } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import {
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import {
  BasiqProvider,
  createBasiqClient,
  useConsentRedirect,
  type BasiqProviderProps,
} from '../../src';
import { REDIRECT_READER_GRACE_MS } from '../../src/hooks/useDevWarnings';
import { addRedirectReader } from '../../src/internal/redirectReaders';
import { resetWarnings } from '../../src/internal/warnOnce';
import { clientToken } from '../support/jwt';

const getToken = async () => clientToken('u1');

let warn: MockInstance<typeof console.warn>;
/** The kit's development warnings printed so far. */
const warnings = () =>
  warn.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('basiq-react:'));

// useConsentRedirect keeps one reading per URL: every test lands on its own.
let visit = 0;
const land = (query: string) =>
  window.history.replaceState(null, '', `/done?${query}&v=${++visit}`);

const provider = (props: Partial<BasiqProviderProps> = {}, children?: ReactNode) => (
  <BasiqProvider getToken={getToken} userId="u1" {...props}>
    {children}
  </BasiqProvider>
);

// A state this tab issued, as after a real launch: the redirect is then read without complaint.
let issued: string;
beforeAll(async () => {
  const url = await createBasiqClient({ getToken }).consentUrl({ action: 'connect' });
  issued = new URL(url).searchParams.get('state')!;
});

beforeEach(() => {
  resetWarnings();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  window.history.replaceState(null, '', '/');
});

function Reader() {
  useConsentRedirect();
  return null;
}

describe('useDevWarnings', () => {
  describe('job ids in the address', () => {
    it('should warn once when no useConsentRedirect is mounted after the grace period', () => {
      vi.useFakeTimers();
      land('jobIds=j1,j2&state=s1');
      const first = render(provider());
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS - 1));
      expect(warnings()).toEqual([]);
      act(() => vi.advanceTimersByTime(1));
      first.unmount();
      render(provider());
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS));
      expect(warnings()).toEqual([
        expect.stringContaining("the address has jobIds from Basiq's consent UI"),
      ]);
      expect(warnings()[0]).toContain('Call useConsentRedirect() on the page');
    });

    it('should name jobId when that is what the address has', () => {
      vi.useFakeTimers();
      land('jobId=j1');
      render(provider());
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS));
      expect(warnings()).toEqual([expect.stringContaining('the address has jobId from')]);
    });

    it('should not warn when useConsentRedirect is mounted, even later than the provider', () => {
      vi.useFakeTimers();
      land(`jobIds=j1&state=${issued}`);
      const { rerender } = render(<StrictMode>{provider()}</StrictMode>);
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS / 2));
      rerender(<StrictMode>{provider({}, <Reader />)}</StrictMode>);
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS * 5));
      expect(warnings()).toEqual([]);
    });

    it('should not warn while any redirect reader is counted', () => {
      vi.useFakeTimers();
      land('jobIds=j1&state=s1');
      const remove = addRedirectReader();
      render(provider());
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS));
      remove();
      expect(warnings()).toEqual([]);
    });

    it('should not warn on a page without job ids, or once the provider is gone', () => {
      vi.useFakeTimers();
      land('state=s1');
      render(provider());
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS));
      land('jobIds=j1');
      render(provider()).unmount();
      act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS));
      expect(warnings()).toEqual([]);
    });
  });

  describe('tokenUrl', () => {
    it('should warn once when it is on another origin, naming the two fixes', () => {
      render(provider({ tokenUrl: 'https://api.elsewhere.test/basiq/token', getToken: undefined }));
      render(provider({ tokenUrl: 'https://api.other.test/token', getToken: undefined }));
      expect(warnings()).toEqual([
        expect.stringContaining(
          `tokenUrl is on https://api.elsewhere.test, another origin than this page (${window.location.origin})`,
        ),
      ]);
      expect(warnings()[0]).toContain(
        "Serve the token endpoint from this origin (a path such as '/api/basiq/token'",
      );
      expect(warnings()[0]).toContain(
        "pass getToken and fetch it yourself with credentials: 'include'",
      );
    });

    it.each(['/api/basiq/token', 'api/token', `${window.location.origin}/api/basiq/token`])(
      'should not warn for %s, on this origin',
      (tokenUrl) => {
        render(provider({ tokenUrl, getToken: undefined }));
        expect(warnings()).toEqual([]);
      },
    );
  });

  describe('labels', () => {
    it('should warn once about unknown keys, naming each with the closest known one', () => {
      const { rerender } = render(
        provider({
          labels: {
            mfaForm: { titel: 'Verify' },
            connectButton: { action: { conect: 'Go' } },
          } as BasiqProviderProps['labels'],
        }),
      );
      rerender(provider({ labels: { checkout: {} } as BasiqProviderProps['labels'] }));
      expect(warnings()).toEqual([
        'basiq-react: <BasiqProvider labels> has keys no component reads: mfaForm.titel (did you mean title?), connectButton.action.conect (did you mean connect?). Rename or remove them; the known keys and their English texts are in defaultLabels.',
      ]);
    });

    it('should not warn for known keys, new step titles or new consent statuses', () => {
      render(
        <StrictMode>
          {provider({
            labels: {
              mfaForm: { title: 'Bestätigen' },
              steps: { 'retrieve-income': 'Getting your income' },
              consentList: { status: { suspended: 'Paused' } },
            },
          })}
        </StrictMode>,
      );
      expect(warnings()).toEqual([]);
    });
  });

  describe('userId', () => {
    it('should warn once when one user replaces another under the same provider', () => {
      const { rerender } = render(provider({ userId: 'u1' }));
      rerender(provider({ userId: 'u2' }));
      rerender(provider({ userId: 'u3' }));
      expect(warnings()).toEqual([
        expect.stringContaining(
          'userId changed from one user to another under a mounted <BasiqProvider>',
        ),
      ]);
      expect(warnings()[0]).toContain('Render <BasiqProvider key={userId} userId={userId}>');
    });

    it('should not warn for signing in, out and in again, or for a keyed provider', () => {
      const { rerender } = render(<StrictMode>{provider({ userId: undefined })}</StrictMode>);
      rerender(<StrictMode>{provider({ userId: 'u1' })}</StrictMode>);
      rerender(<StrictMode>{provider({ userId: undefined })}</StrictMode>);
      rerender(<StrictMode>{provider({ userId: 'u2' })}</StrictMode>);
      rerender(
        <StrictMode>
          <BasiqProvider key="u3" getToken={getToken} userId="u3" />
        </StrictMode>,
      );
      expect(warnings()).toEqual([]);
    });
  });

  it('should say nothing in a production build', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.useFakeTimers();
    land('jobIds=j1');
    const { rerender } = render(
      provider({
        tokenUrl: 'https://api.elsewhere.test/token',
        getToken: undefined,
        labels: { checkout: {} } as BasiqProviderProps['labels'],
      }),
    );
    rerender(provider({ userId: 'u2', tokenUrl: 'https://api.elsewhere.test/token' }));
    act(() => vi.advanceTimersByTime(REDIRECT_READER_GRACE_MS));
    expect(warnings()).toEqual([]);
  });
});
