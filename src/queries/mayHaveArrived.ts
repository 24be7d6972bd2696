import { BasiqApiError, BasiqNetworkError } from '../client/errors.js';

/**
 * Whether a failed MFA answer may still have reached Basiq: no reply (a timeout, a reset
 * connection) or a gateway's 502 or 504. An abort by the app, and every other answer from
 * Basiq, mean it did not.
 *
 * @param error - Why the `POST /jobs/{id}/mfa` failed.
 */
export const mayHaveArrived = (error: unknown): boolean =>
  (error instanceof BasiqNetworkError && error.reason !== 'aborted') ||
  (error instanceof BasiqApiError && (error.status === 502 || error.status === 504));
