import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  forgetConnectionInProgress,
  markConsentReturn,
  readConnectionsInProgress,
  rememberConnectionsInProgress,
} from '../../src/client/connectionsInProgress';

const KEY = 'basiq-react:connections-in-progress';
const T0 = 1_700_000_000_000;

/** A sessionStorage of a Map, as a browser tab has one. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

let storage: Storage;
beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('sessionStorage', storage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('rememberConnectionsInProgress', () => {
  it('should keep the job ids for the tab, to be read back after a reload', () => {
    rememberConnectionsInProgress(['a', 'b'], 60_000, T0);
    expect(readConnectionsInProgress(T0 + 1)).toEqual(['a', 'b']);
  });

  it('should store ids and times only', () => {
    rememberConnectionsInProgress(['a', 'b'], 60_000, T0);
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({
      jobs: [
        { id: 'a', until: T0 + 60_000 },
        { id: 'b', until: T0 + 60_000 },
      ],
      returns: [],
    });
  });

  it('should replace the ids kept before', () => {
    rememberConnectionsInProgress(['a', 'b'], 60_000, T0);
    rememberConnectionsInProgress(['c'], 60_000, T0 + 10);
    expect(readConnectionsInProgress(T0 + 20)).toEqual(['c']);
  });

  it('should clear what was kept when a return brings no jobs', () => {
    rememberConnectionsInProgress(['a'], 60_000, T0);
    rememberConnectionsInProgress([], 60_000, T0);
    expect(readConnectionsInProgress(T0)).toEqual([]);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('should drop ids that are not plain identifiers, and repeats', () => {
    rememberConnectionsInProgress(['a', '<b>', 'a', ''], 60_000, T0);
    expect(readConnectionsInProgress(T0)).toEqual(['a']);
  });

  it('should keep ids of an endless maxPollMs until they are forgotten', () => {
    rememberConnectionsInProgress(['a'], Infinity, T0);
    expect(readConnectionsInProgress(T0 + 365 * 24 * 3600_000)).toEqual(['a']);
    forgetConnectionInProgress('a', T0);
    expect(readConnectionsInProgress(T0)).toEqual([]);
  });
});

describe('readConnectionsInProgress', () => {
  it('should leave out ids past maxPollMs', () => {
    rememberConnectionsInProgress(['a'], 60_000, T0);
    expect(readConnectionsInProgress(T0 + 59_999)).toEqual(['a']);
    expect(readConnectionsInProgress(T0 + 60_000)).toEqual([]);
  });

  it('should read nothing from junk, foreign entries or another shape', () => {
    for (const junk of [
      '{',
      'null',
      '[1,2]',
      '{"jobs":"a"}',
      '{"jobs":[null,{"id":"<x>","until":9e15},{"id":"a"},{"id":"b","until":"9e15"}]}',
    ]) {
      storage.setItem(KEY, junk);
      expect(readConnectionsInProgress(T0), junk).toEqual([]);
    }
  });

  it('should read nothing, and throw nothing, without storage or when storage throws', () => {
    vi.stubGlobal('sessionStorage', undefined);
    expect(() => rememberConnectionsInProgress(['a'], 60_000, T0)).not.toThrow();
    expect(readConnectionsInProgress(T0)).toEqual([]);

    const refusing = memoryStorage();
    refusing.getItem = () => {
      throw new Error('SecurityError');
    };
    refusing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    vi.stubGlobal('sessionStorage', refusing);
    expect(() => rememberConnectionsInProgress(['a'], 60_000, T0)).not.toThrow();
    expect(() => forgetConnectionInProgress('a', T0)).not.toThrow();
    expect(readConnectionsInProgress(T0)).toEqual([]);
    expect(markConsentReturn('s:a', T0)).toBe(true);
  });

  it('should read nothing when touching sessionStorage itself throws', () => {
    Object.defineProperty(globalThis, 'sessionStorage', {
      configurable: true,
      get() {
        throw new Error('SecurityError: access denied');
      },
    });
    try {
      expect(readConnectionsInProgress(T0)).toEqual([]);
      expect(() => rememberConnectionsInProgress(['a'], 60_000, T0)).not.toThrow();
    } finally {
      Reflect.deleteProperty(globalThis, 'sessionStorage');
    }
  });
});

describe('forgetConnectionInProgress', () => {
  it('should drop one job and keep the others', () => {
    rememberConnectionsInProgress(['a', 'b'], 60_000, T0);
    forgetConnectionInProgress('a', T0);
    expect(readConnectionsInProgress(T0)).toEqual(['b']);
    forgetConnectionInProgress('b', T0);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('should leave storage as it was for a job it does not keep', () => {
    rememberConnectionsInProgress(['a'], 60_000, T0);
    const before = storage.getItem(KEY);
    forgetConnectionInProgress('zzz', T0);
    expect(storage.getItem(KEY)).toBe(before);
  });
});

describe('markConsentReturn', () => {
  it('should say a return is new once, and not again after a reload', () => {
    expect(markConsentReturn('s1:a', T0)).toBe(true);
    expect(markConsentReturn('s1:a', T0)).toBe(false);
    expect(markConsentReturn('s2:b', T0)).toBe(true);
  });

  it('should keep the last ten returns beside the jobs', () => {
    rememberConnectionsInProgress(['a'], 60_000, T0);
    for (let i = 0; i < 12; i++) markConsentReturn(`s${i}:a`, T0);
    expect(readConnectionsInProgress(T0)).toEqual(['a']);
    expect(markConsentReturn('s11:a', T0)).toBe(false);
    expect(markConsentReturn('s0:a', T0)).toBe(true);
  });
});
