import type { ConsentAction, StepStatus } from './types.js';

/**
 * What the kit tells `<BasiqProvider onEvent>` and `useBasiqEvents` listeners: one ordered
 * stream of typed events, each with `at` (epoch ms) and only ids and codes, never a token or
 * personal data. The names and fields are a versioned contract (see the events guide): fields
 * may be added in a minor version; renaming or removing one is a major version.
 */
export type BasiqFlowEvent =
  | { type: 'consent-launch'; at: number; action: ConsentAction | null; state: string }
  | { type: 'consent-return'; at: number; jobIds: string[]; stateMatched: boolean }
  | { type: 'job-step'; at: number; jobId: string; step: string; status: StepStatus }
  | { type: 'mfa-required'; at: number; jobId: string; method: string; prompts: number }
  | { type: 'mfa-submitted'; at: number; jobId: string }
  | { type: 'mfa-accepted'; at: number; jobId: string }
  | { type: 'mfa-refused'; at: number; jobId: string; code: string | null }
  | { type: 'accounts-ready'; at: number; jobId: string }
  | { type: 'job-succeeded'; at: number; jobId: string }
  | {
      type: 'job-failed';
      at: number;
      jobId: string;
      step: string;
      code: string;
      /** The advised next action: the failure's family (`credentials`, `userAction`, …). */
      advice: string;
    }
  | { type: 'consent-revoked'; at: number; userId: string }
  | { type: 'auth-link-created'; at: number; userId: string; expiresAt: string | null }
  | { type: 'auth-link-deleted'; at: number; userId: string }
  | {
      type: 'request-failed';
      at: number;
      /** The error class's name, e.g. `BasiqApiError`. */
      error: string;
      status: number | null;
      code: string | null;
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
