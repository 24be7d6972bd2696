import type { components } from './basiq-api.generated.js';

/** Raw schemas of the Basiq Core API, generated from Basiq's OpenAPI file. */
export type BasiqSchemas = components['schemas'];

/** Where a job is as a whole; derived from its steps by {@link normalizeJob}. */
export type JobPhase = 'pending' | 'in-progress' | 'mfa-required' | 'success' | 'failed';

/** The status of one job step; values Basiq may add later read as `'unknown'`. */
export type StepStatus = 'pending' | 'in-progress' | 'success' | 'failed' | 'skipped' | 'unknown';

/** An MFA challenge the user must answer before the job can go on. */
export interface MfaChallenge {
  /** The job this challenge belongs to. */
  jobId: string;
  /** Basiq's method, e.g. `'token'` (one code) or `'security-questions'`; others pass through. */
  method: string;
  /** Basiq's text explaining the challenge, if any (render as text). */
  description?: string;
  /** One prompt per expected answer, in the order the answers must be sent. */
  prompts: string[];
  /** How long the challenge lives, counted from when it appeared. */
  expiresInMs?: number;
  /** Basiq's `links.response` for the answer, if given. */
  responseUrl?: string;
}

/** What a step produced: a link to data, an error, or an MFA challenge. */
export type StepResult =
  | { type: 'link'; url: string }
  | { type: 'error'; code: string; title?: string; detail?: string }
  | { type: 'mfa'; challenge: MfaChallenge };

/** One step of a job, e.g. `verify-credentials` or `retrieve-accounts`. */
export interface JobStep {
  /** Basiq's step title; titles Basiq adds later pass through unchanged. */
  title: string;
  status: StepStatus;
  result: StepResult | null;
}

/** Why a job failed: the first failed step and its error. */
export interface JobFailure {
  step: string;
  code: string;
  title?: string;
  detail?: string;
}

/** A Basiq job in one shape, whatever shape the API sent (see {@link normalizeJob}). */
export interface Job {
  id: string;
  jobType: string;
  created?: string;
  updated?: string;
  steps: JobStep[];
  phase: JobPhase;
  /** True once the job is `success` or `failed`: it will not change again. */
  isTerminal: boolean;
  failure?: JobFailure;
  /** The challenge to answer, present only while `phase === 'mfa-required'`. */
  mfa?: MfaChallenge;
  /** The connection the job works on, when Basiq says which. */
  connectionId?: string;
  /** The job's string links (`self`, `source`, …); empty when Basiq sent none. */
  links: Record<string, string>;
}

/** A consent's status; values Basiq may add later pass through. */
export type ConsentStatus = 'active' | 'revoked' | 'expired' | (string & {});

/** A user's consent, as `GET /users/{id}/consents` returns it. */
export type Consent = Omit<BasiqSchemas['UserConsentGetResponses'], 'status'> & {
  status: ConsentStatus;
};

/** A user's auth link (a single-use link to the consent UI, sent to their mobile). */
export interface AuthLink {
  userId: string;
  mobile?: string;
  /** ISO date-time after which the link no longer works. */
  expiresAt: string;
  /** The public link to give the user (`links.public`). */
  url?: string;
  links: Record<string, string>;
}

/** An event from `GET /events` (consent and connection events of the last 7 days). */
export type BasiqEvent = BasiqSchemas['RetrieveEvent'];

/** What {@link BasiqClient.tokenInfo} tells about the current token: never the token itself. */
export interface TokenInfo {
  /** The `userid` claim, if the token carries one. */
  userId?: string;
  /** When the token expires, in epoch milliseconds (undefined when neither `exp` nor `expires_in` says). */
  expiresAt?: number;
  /** Always `'CLIENT_ACCESS'`: any other token is refused before it is used. */
  scope: 'CLIENT_ACCESS';
}

/** Options shared by every endpoint method. */
export interface RequestOptions {
  /** Aborts the request (and any retry wait); the call then rejects with a `BasiqNetworkError`. */
  signal?: AbortSignal;
}

/** The hosted consent UI's actions; absent means Basiq's default flow. */
export type ConsentAction = 'connect' | 'manage' | 'extend' | 'update' | 'reauthorise';

/** Parameters of the consent UI URL. */
export interface ConsentUrlOptions {
  action?: ConsentAction;
  /** Round-trip value; generated (random) when absent, and remembered for the redirect check. */
  state?: string;
  institutionId?: string;
  connectionId?: string;
}
