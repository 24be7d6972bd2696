// The consent UI's `state` round trip. Only the state goes into sessionStorage,
// never a token; storage may be missing (SSR) or throw (Safari private mode).
import { tabStorage } from '../internal/tabStorage.js';

const KEY = 'basiq-react:consent-states';
const KEEP = 10;

function read(): string[] {
  try {
    const list: unknown = JSON.parse(tabStorage()?.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** A random, URL-safe state value (128 bits). */
export function createConsentState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Remembers a state this tab issued (the last few are kept). */
export function rememberConsentState(state: string): void {
  try {
    tabStorage()?.setItem(
      KEY,
      JSON.stringify([...read().filter((s) => s !== state), state].slice(-KEEP)),
    );
  } catch {
    // Storage full or refused: the redirect check will then refuse the state, which is safe.
  }
}

/** Whether this tab issued `state` (it stays valid, so a reload reads the same answer). */
export function isIssuedConsentState(state: string | null | undefined): boolean {
  return !!state && read().includes(state);
}
