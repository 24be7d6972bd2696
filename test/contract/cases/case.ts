import { createBasiqMock } from '../../../src/testing';
import type { MockScenario } from '../../../src/testing';

// What the contract cases (./*Cases.ts) are written with: the one mock they
// all drive, the `Run` that records their exchanges, and the `Case` type.
// ../mockContract.test.ts serves the mock, resets it before each case and
// checks every exchange against the spec.

export const API = 'https://au-api.basiq.io';

/**
 * The single mock instance of the contract test, on a manual clock: the test
 * file serves its `handlers`; the cases (and `Run`) use its `control`.
 */
export const { handlers, control } = createBasiqMock({ clock: 'manual' });

/** One request and the mock's answer. */
export interface Exchange {
  method: string;
  /** The concrete path, e.g. `/jobs/4f0c…`. */
  path: string;
  status: number;
  body: unknown;
}

interface SendOptions {
  /** The whole Authorization header; none when omitted. */
  auth?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export const bearer = (token: string) => `Bearer ${token}`;
/** Authorization with a fresh SERVER_ACCESS token. */
export const serverAuth = () => bearer(control.serverToken());
/** Authorization with a fresh CLIENT_ACCESS token of `userId`. */
export const clientAuth = (userId: string) => bearer(control.clientToken(userId));

/** A run of one case: every exchange it made, in order. */
export class Run {
  readonly exchanges: Exchange[] = [];

  async send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const headers = new Headers(options.headers);
    if (options.auth !== undefined) headers.set('authorization', options.auth);
    let body: string | undefined;
    if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${API}${path}`, { method, headers, body });
    const text = await response.text();
    const exchange: Exchange = {
      method,
      path,
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  get = (path: string, options?: SendOptions) => this.send('GET', path, options);
  post = (path: string, options?: SendOptions) => this.send('POST', path, options);
  delete = (path: string, options?: SendOptions) => this.send('DELETE', path, options);

  /** A job of `scenario` whose steps take 1 s each (checking an MFA answer too). */
  job(scenario: MockScenario, userId = 'u1') {
    return control.createJob({ userId, scenario, stepMs: 1000 });
  }

  /** Answers the job's MFA challenge with `answers` (CLIENT_ACCESS, as the kit does). */
  answer(jobId: string, answers: string[], userId = 'u1') {
    return this.post(`/jobs/${jobId}/mfa`, {
      auth: clientAuth(userId),
      json: { 'mfa-response': answers },
    });
  }

  getJob(jobId: string, userId = 'u1') {
    return this.get(`/jobs/${jobId}`, { auth: clientAuth(userId) });
  }
}

export interface Case {
  name: string;
  /** The status the last exchange must have. */
  status: number;
  run: (run: Run) => Promise<unknown>;
  /** What else the last body must show (that the case reached the stage it names). */
  shows?: (body: unknown) => void;
}

export const MFA = '123456';
export const u1 = '/users/u1';
