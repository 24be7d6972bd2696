/**
 * `basiq-react`: the client (CLIENT_ACCESS tokens only), the query options and polling policy,
 * the provider and hooks, and the components.
 *
 * @module basiq-react
 */
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
  BasiqPollTimeoutError,
  BasiqBackoffError,
} from './client/errors.js';
export type { BasiqErrorDetail, TokenRefusal, NetworkFailure } from './client/errors.js';
export type { RetryOptions } from './client/retryPolicy.js';
export type { TokenResult } from './client/tokenSource.js';
export type {
  BasiqFlowEvent,
  BasiqFlowEventType,
  BasiqFlowEventListener,
} from './client/flowEvents.js';
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

// Queries: keys, options factories and the polling policy (no React).
export { basiqKeys } from './queries/basiqKeys.js';
export { jobQueryOptions } from './queries/jobQueryOptions.js';
export type { JobQueryOptions } from './queries/jobQueryOptions.js';
export { userJobsQueryOptions } from './queries/userJobsQueryOptions.js';
export { consentsQueryOptions } from './queries/consentsQueryOptions.js';
export { authLinkQueryOptions } from './queries/authLinkQueryOptions.js';
export { eventsQueryOptions } from './queries/eventsQueryOptions.js';
export { submitMfaMutationOptions } from './queries/submitMfaMutationOptions.js';
export { revokeConsentMutationOptions } from './queries/revokeConsentMutationOptions.js';
export { createAuthLinkMutationOptions } from './queries/createAuthLinkMutationOptions.js';
export { deleteAuthLinkMutationOptions } from './queries/deleteAuthLinkMutationOptions.js';
export { nextPollDelay, POLL_TIMING } from './queries/nextPollDelay.js';
export type { PollHistory } from './queries/nextPollDelay.js';

// Hooks and the provider.
export { BasiqProvider } from './hooks/BasiqProvider.js';
export type { BasiqProviderProps } from './hooks/BasiqProvider.js';
export { useBasiqClient } from './hooks/useBasiqClient.js';
export { useBasiqLabels } from './hooks/useBasiqLabels.js';
export { useBasiqEvents } from './hooks/useBasiqEvents.js';
export type { BasiqQueryOptions } from './hooks/useBasiqQuery.js';
export type { BasiqMutationOptions } from './hooks/useBasiqMutation.js';
export { useJob } from './hooks/useJob.js';
export type { UseJobOptions, UseJobResult } from './hooks/useJob.js';
export { useJobs } from './hooks/useJobs.js';
export type { UseJobsResult } from './hooks/useJobs.js';
export { useUserJobs } from './hooks/useUserJobs.js';
export { useSubmitMfa } from './hooks/useSubmitMfa.js';
export { useConsents } from './hooks/useConsents.js';
export { useRevokeConsent } from './hooks/useRevokeConsent.js';
export { useAuthLink } from './hooks/useAuthLink.js';
export { useCreateAuthLink } from './hooks/useCreateAuthLink.js';
export { useDeleteAuthLink } from './hooks/useDeleteAuthLink.js';
export { useEvents } from './hooks/useEvents.js';
export { useConsentLauncher } from './hooks/useConsentLauncher.js';
export type { ConsentLauncher } from './hooks/useConsentLauncher.js';
export { useConsentRedirect } from './hooks/useConsentRedirect.js';
export type { ConsentRedirectResult } from './hooks/useConsentRedirect.js';
export { defaultLabels, formatLabel } from './labels/defaultLabels.js';
export type { BasiqLabels, PartialLabels } from './labels/defaultLabels.js';

// Components (thin wrappers over the hooks; `basiq-react/styles.css` is the optional theme).
export { ConnectionStatus } from './components/ConnectionStatus.js';
export type { ConnectionStatusProps } from './components/ConnectionStatus.js';
export { MfaForm } from './components/MfaForm.js';
export type { MfaFormProps, MfaFormState } from './components/MfaForm.js';
export { ConsentList } from './components/ConsentList.js';
export type { ConsentListProps, ConsentListState } from './components/ConsentList.js';
export { AuthLinkPanel } from './components/AuthLinkPanel.js';
export type { AuthLinkPanelProps, AuthLinkPanelState } from './components/AuthLinkPanel.js';
export { ConnectButton } from './components/ConnectButton.js';
export type { ConnectButtonProps, ConnectButtonState } from './components/ConnectButton.js';
export type { FailureFamily } from './client/failureFamily.js';
