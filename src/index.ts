export { createBasiqClient } from './client/createBasiqClient.js';
export type {
  BasiqClient,
  BasiqClientOptions,
  UserJobsFilter,
} from './client/createBasiqClient.js';
export { normalizeJob } from './client/normalizeJob.js';
export { parseConsentRedirect } from './client/parseConsentRedirect.js';
export type { ConsentRedirect } from './client/parseConsentRedirect.js';
export { isAllowedUrl, BASIQ_HOSTS } from './client/isAllowedUrl.js';
export {
  BasiqError,
  BasiqApiError,
  BasiqTokenError,
  BasiqTokenScopeError,
  BasiqNetworkError,
  BasiqResponseError,
} from './client/errors.js';
export type { BasiqErrorDetail, TokenRefusal, NetworkFailure } from './client/errors.js';
export type { RetryOptions } from './client/retryPolicy.js';
export type { TokenResult } from './client/tokenSource.js';
export type {
  AuthLink,
  BasiqEvent,
  BasiqSchemas,
  Consent,
  ConsentAction,
  ConsentStatus,
  ConsentUrlOptions,
  Job,
  JobFailure,
  JobPhase,
  JobStep,
  MfaChallenge,
  RequestOptions,
  StepResult,
  StepStatus,
  TokenInfo,
} from './client/types.js';
