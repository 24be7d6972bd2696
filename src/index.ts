export { createBasiqClient } from './client/createBasiqClient';
export type { BasiqClient, BasiqClientOptions, UserJobsFilter } from './client/createBasiqClient';
export { normalizeJob } from './client/normalizeJob';
export { parseConsentRedirect } from './client/parseConsentRedirect';
export type { ConsentRedirect } from './client/parseConsentRedirect';
export { isAllowedUrl, BASIQ_HOSTS } from './client/isAllowedUrl';
export {
  BasiqError,
  BasiqApiError,
  BasiqTokenError,
  BasiqTokenScopeError,
  BasiqNetworkError,
  BasiqResponseError,
} from './client/errors';
export type { BasiqErrorDetail, TokenRefusal, NetworkFailure } from './client/errors';
export type { RetryOptions } from './client/retryPolicy';
export type { TokenResult } from './client/tokenSource';
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
} from './client/types';
