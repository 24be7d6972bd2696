import { QueryClient } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import {
  BasiqProvider,
  basiqKeys,
  jobQueryOptions,
  nextPollDelay,
  useAuthLink,
  useConsentLauncher,
  useConsentRedirect,
  useConsents,
  useJob,
  useJobs,
  useRevokeConsent,
  useSubmitMfa,
  type AuthLink,
  type BasiqClient,
  type BasiqProviderProps,
  type Consent,
  type ConsentRedirectResult,
  type Job,
  type JobFailure,
  type JobPhase,
  type MfaChallenge,
  type PollHistory,
  type UseJobsResult,
} from '../../src';

declare const client: BasiqClient;

describe('useJob', () => {
  it('should return the job, its phase, terminal flag, challenge and failure', () => {
    const result = useJob('j-1');
    expectTypeOf(result.data).toEqualTypeOf<Job | undefined>();
    expectTypeOf(result.job).toEqualTypeOf<Job | undefined>();
    expectTypeOf(result.phase).toEqualTypeOf<JobPhase | undefined>();
    expectTypeOf(result.isTerminal).toEqualTypeOf<boolean>();
    expectTypeOf(result.mfa).toEqualTypeOf<MfaChallenge | undefined>();
    expectTypeOf(result.failure).toEqualTypeOf<JobFailure | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<Error | null>();
    expectTypeOf(useJob).parameter(0).toEqualTypeOf<string | undefined>();
  });

  it('should type data by select while job stays the Job', () => {
    const result = useJob('j-1', {
      select: (job) => {
        expectTypeOf(job).toEqualTypeOf<Job>();
        return job.steps.length;
      },
    });
    expectTypeOf(result.data).toEqualTypeOf<number | undefined>();
    expectTypeOf(result.job).toEqualTypeOf<Job | undefined>();
    expectTypeOf(result.phase).toEqualTypeOf<JobPhase | undefined>();
  });
});

describe('useJobs', () => {
  it('should return UseJobsResult', () => {
    expectTypeOf(useJobs(['j-1', 'j-2'])).toEqualTypeOf<UseJobsResult>();
    expectTypeOf(useJobs).parameter(0).toEqualTypeOf<readonly string[]>();
  });
});

describe('useConsents', () => {
  it('should return Consent[] by default and what select makes of it', () => {
    expectTypeOf(useConsents('u1').data).toEqualTypeOf<Consent[] | undefined>();
    const ids = useConsents('u1', {
      select: (consents) => {
        expectTypeOf(consents).toEqualTypeOf<Consent[]>();
        return consents.map((consent) => consent.id);
      },
    });
    expectTypeOf(ids.data).toEqualTypeOf<string[] | undefined>();
  });
});

describe('useAuthLink', () => {
  it('should type data as AuthLink, null (gone) or undefined (loading)', () => {
    expectTypeOf(useAuthLink('u1').data).toEqualTypeOf<AuthLink | null | undefined>();
  });
});

describe('useSubmitMfa', () => {
  it('should take the answers as string[]', () => {
    const submit = useSubmitMfa('j-1');
    expectTypeOf(submit.mutate).parameter(0).toEqualTypeOf<string[]>();
    // @ts-expect-error one answer per prompt, always as a list
    submit.mutate('123456');
  });
});

describe('useRevokeConsent', () => {
  it('should take a consent id', () => {
    const revoke = useRevokeConsent('u1');
    expectTypeOf(revoke.mutate).parameter(0).toEqualTypeOf<string>();
    // @ts-expect-error the id, not the consent
    revoke.mutate({ id: 'c-1' } as Consent);
  });
});

describe('basiqKeys', () => {
  it('should give a job key as a readonly tuple', () => {
    expectTypeOf(basiqKeys.job('x')).toEqualTypeOf<readonly ['basiq', 'job', string]>();
  });
});

describe('jobQueryOptions', () => {
  it('should tag its key so the cache reads back a Job', () => {
    const queryClient = new QueryClient();
    const job = queryClient.getQueryData(jobQueryOptions(client, 'x').queryKey);
    expectTypeOf(job).toEqualTypeOf<Job | undefined>();
  });
});

describe('nextPollDelay', () => {
  it('should return a delay or false', () => {
    expectTypeOf(nextPollDelay).parameters.toEqualTypeOf<[Job | undefined, PollHistory]>();
    expectTypeOf(nextPollDelay).returns.toEqualTypeOf<number | false>();
  });
});

describe('useConsentLauncher', () => {
  it('should open with a promise and expose href, isReady and error', () => {
    const launcher = useConsentLauncher({ action: 'connect' });
    expectTypeOf(launcher.open).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(launcher.href).toEqualTypeOf<string | undefined>();
    expectTypeOf(launcher.isReady).toEqualTypeOf<boolean>();
    expectTypeOf(launcher.error).toEqualTypeOf<Error | undefined>();
    // @ts-expect-error not one of Basiq's consent actions
    void launcher.open('delete');
  });
});

describe('useConsentRedirect', () => {
  it('should return ConsentRedirectResult', () => {
    expectTypeOf(useConsentRedirect()).toEqualTypeOf<ConsentRedirectResult>();
    expectTypeOf(useConsentRedirect({ clean: true }).jobIds).toEqualTypeOf<string[]>();
  });
});

describe('BasiqProvider', () => {
  it('should take BasiqProviderProps and reject an unknown prop', () => {
    expectTypeOf(BasiqProvider).parameter(0).toEqualTypeOf<BasiqProviderProps>();
    BasiqProvider({ tokenUrl: '/api/basiq/token', userId: 'u1', allowedHosts: ['bank.example'] });
    BasiqProvider({
      tokenUrl: '/api/basiq/token',
      // @ts-expect-error not a prop of BasiqProvider
      tokenURL: '/api/basiq/token',
    });
  });
});
