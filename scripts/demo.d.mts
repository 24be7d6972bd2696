/** Options of {@link startDemo}; each defaults to its environment variable, then the default. */
export interface DemoOptions {
  /**
   * `dev`: Vite's dev server (hot reload, no CSP: it injects inline styles and scripts).
   * `preview`: the production build of examples/demo served by `vite preview` with a strict
   * Content-Security-Policy (see {@link demoContentSecurityPolicy}) and
   * `Referrer-Policy: no-referrer`. `npm run demo -- --preview` picks it. @default 'dev'
   */
  mode?: 'dev' | 'preview';
  /** The app's (Vite's) port; `0` picks a free one. Env `DEMO_PORT`. @default 5173 */
  port?: number;
  /** The app backend's port. Env `DEMO_API_PORT`. @default 0 (a free one) */
  apiPort?: number;
  /** The mock Basiq's port. Env `MOCK_BASIQ_PORT`. @default 0 (a free one) */
  mockPort?: number;
  /** How long each step of a mock job takes. Env `DEMO_STEP_MS`. @default 1500 */
  stepMs?: number;
  /** Use the real Basiq with this key instead of the mock. Env `BASIQ_API_KEY`. */
  apiKey?: string;
  /** Keep the build's and Vite's output to errors. @default false */
  quiet?: boolean;
  /** Where progress lines go. @default console.log */
  log?: (line: string) => void;
}

/** A running demo. */
export interface RunningDemo {
  /** The page to open, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  /** The app's backend (`/api/basiq/token`, `/api/config`). */
  apiUrl: string;
  /** The mock Basiq's base URL; undefined against the real Basiq. */
  mockUrl: string | undefined;
  /** How the app is served. */
  mode: 'dev' | 'preview';
  /** Stops all the servers. */
  close(): Promise<void>;
}

/** True when dist/ lacks an entry or is older than anything it is built from. */
export function distIsStale(): boolean;

/** Runs `npm run build` when dist/ is missing or stale; throws with the build's output when it fails. */
export function ensureBuilt(log: (line: string) => void, quiet: boolean): void;

/**
 * The Content-Security-Policy of `mode: 'preview'`: `default-src`, `script-src` and `style-src`
 * `'self'`, `connect-src 'self'` plus the origin of `basiqBaseUrl`, `form-action 'self'`,
 * `frame-ancestors 'none'`, `base-uri 'none'`, `object-src 'none'`.
 */
export function demoContentSecurityPolicy(basiqBaseUrl: string | undefined): string;

/** Starts the mock Basiq (unless given an API key), the app's backend and the app (dev or preview). */
export function startDemo(options?: DemoOptions): Promise<RunningDemo>;
