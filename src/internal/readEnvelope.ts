import { BasiqApiError, type BasiqErrorDetail } from '../client/errors.js';
import { firstString, isRecord } from './isRecord.js';

/** The errors and correlation id of Basiq's error envelope (empty when the body is not one). */
export function readEnvelope(data: unknown) {
  const envelope = isRecord(data) ? data : {};
  // The spec types the 503 `code` as an object and says `details` where Basiq sends `detail`.
  const errors: BasiqErrorDetail[] = (Array.isArray(envelope.data) ? envelope.data : [])
    .filter(isRecord)
    .map((e) => ({
      code: firstString(e.code) ?? 'unknown',
      title: firstString(e.title),
      detail: firstString(e.detail, e.details),
      source: isRecord(e.source) ? e.source : undefined,
    }));
  return { errors, correlationId: firstString(envelope.correlationId) };
}

/** What a failed answer tells: its status and, when Basiq sent one, its error envelope. */
export interface FailedAnswer {
  status: number;
  statusText: string;
  data: unknown;
  retryAfterMs?: number;
}

/**
 * `BasiqApiError` for a 4xx/5xx answer, with the one-line message a person can act on:
 * `GET /jobs/j-1: 404 resource-not-found (correlationId ac5ah5i)` and then `advice`.
 */
export function apiError(
  where: { method: string; path: string },
  { status, statusText, data, retryAfterMs }: FailedAnswer,
  advice = '',
): BasiqApiError {
  const { errors, correlationId } = readEnvelope(data);
  const code = errors[0]?.code;
  const correlation = correlationId ? ` (correlationId ${correlationId})` : '';
  return new BasiqApiError(
    `${where.method} ${where.path}: ${status} ${code || statusText || 'error'}${correlation}${advice}`,
    { status, code, errors, correlationId, retryAfterMs, ...where },
  );
}
