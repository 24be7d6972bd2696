import type { FailureFamily } from './failureFamily.js';
import type { ConsentAction, StepStatus } from './types.js';

/**
 * What the kit tells `<BasiqProvider onEvent>` and `useBasiqEvents` listeners: one ordered
 * stream of typed events, each with `at` (epoch ms) and only ids and codes, never a token or
 * personal data. Event contract version 1: the names and fields are a versioned contract (see
 * the events guide); fields may be added in a minor version, renaming or removing one is a
 * major version.
 */
export type BasiqFlowEvent =
  /** The page is about to navigate to Basiq's consent UI (`useConsentLauncher().open`, `ConnectButton`). */
  | {
      type: 'consent-launch';
      at: number;
      /** The consent UI's `action`; null for its default. */
      action: ConsentAction | null;
      /** The random `state` the consent UI will send back. */
      state: string;
    }
  /** `useConsentRedirect` read the return from the consent UI. */
  | { type: 'consent-return'; at: number; jobIds: string[]; stateMatched: boolean }
  /** A step's status differs from the last look at the job (a step not yet started reads `pending`). */
  | { type: 'job-step'; at: number; jobId: string; step: string; status: StepStatus }
  /** A new MFA challenge waits for the user: its `method` and how many answers it takes. */
  | { type: 'mfa-required'; at: number; jobId: string; method: string; prompts: number }
  /** An answer to the challenge is being posted (`useSubmitMfa`, `MfaForm`). */
  | { type: 'mfa-submitted'; at: number; jobId: string }
  /** Basiq took the answer: the challenge's step succeeded. */
  | { type: 'mfa-accepted'; at: number; jobId: string }
  /**
   * Basiq refused the answer: `code` null when it asked again (a wrong answer), else the job's
   * failure code (too many wrong answers, the challenge expired).
   */
  | { type: 'mfa-refused'; at: number; jobId: string; code: string | null }
  /** Basiq's `retrieve-accounts` step succeeded: the user's accounts can be read. */
  | { type: 'accounts-ready'; at: number; jobId: string }
  /** The job succeeded (always the job's last event). */
  | { type: 'job-succeeded'; at: number; jobId: string }
  /** The job failed (always the job's last event). */
  | {
      type: 'job-failed';
      at: number;
      jobId: string;
      /** The failed step's title (`job` when Basiq names none). */
      step: string;
      /** Basiq's failure code, `unknown-error` when it gave none. */
      code: string;
      /** The advised next action: the failure's family (`credentials`, `userAction`, …). */
      advice: FailureFamily;
    }
  /** A consent was revoked (`useRevokeConsent` succeeded). */
  | { type: 'consent-revoked'; at: number; userId: string; consentId: string }
  /** A new auth link was created (`useCreateAuthLink` succeeded). */
  | {
      type: 'auth-link-created';
      at: number;
      userId: string;
      /** When the link stops working (ISO date-time), if Basiq said. */
      expiresAt: string | null;
    }
  /** The auth link was deleted (`useDeleteAuthLink` succeeded). */
  | { type: 'auth-link-deleted'; at: number; userId: string }
  /** A Basiq query fetch or mutation failed, after the client's own retries. */
  | {
      type: 'request-failed';
      at: number;
      /** The error class's name, e.g. `BasiqApiError`. */
      error: string;
      /** The HTTP status (Basiq's, or your token endpoint's), when there was one. */
      status: number | null;
      /** Basiq's error code, else the error's `reason` (`timeout`, `wrong-scope`, …). */
      code: string | null;
      /** Basiq's correlation id, to quote to Basiq support. */
      correlationId: string | null;
    };

/** The `type` of each {@link BasiqFlowEvent}. */
export type BasiqFlowEventType = BasiqFlowEvent['type'];

/** A listener of the event stream. */
export type BasiqFlowEventListener = (event: BasiqFlowEvent) => void;

/** An event as it is emitted: `at` is stamped by the hub. */
export type BasiqFlowEventInit = BasiqFlowEvent extends infer E
  ? E extends BasiqFlowEvent
    ? Omit<E, 'at'>
    : never
  : never;
