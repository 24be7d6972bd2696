import { describe, expectTypeOf, it } from 'vitest';
import type {
  BasiqFlowEvent,
  BasiqFlowEventType,
  ConsentAction,
  FailureFamily,
  StepStatus,
} from '../../src';

type Of<T extends BasiqFlowEventType> = Extract<BasiqFlowEvent, { type: T }>;

// Event contract version 1: renaming or removing a type or a field is a major version, so these
// fail on purpose when one changes (adding a field means adding it here too).
describe('BasiqFlowEvent', () => {
  it('should name the fourteen event types of contract version 1', () => {
    expectTypeOf<BasiqFlowEventType>().toEqualTypeOf<
      | 'consent-launch'
      | 'consent-return'
      | 'job-step'
      | 'mfa-required'
      | 'mfa-submitted'
      | 'mfa-accepted'
      | 'mfa-refused'
      | 'accounts-ready'
      | 'job-succeeded'
      | 'job-failed'
      | 'consent-revoked'
      | 'auth-link-created'
      | 'auth-link-deleted'
      | 'request-failed'
    >();
  });

  it('should give each event its fields of contract version 1', () => {
    expectTypeOf<Of<'consent-launch'>>().toEqualTypeOf<{
      type: 'consent-launch';
      at: number;
      action: ConsentAction | null;
      state: string;
    }>();
    expectTypeOf<Of<'consent-return'>>().toEqualTypeOf<{
      type: 'consent-return';
      at: number;
      jobIds: string[];
      stateMatched: boolean;
    }>();
    expectTypeOf<Of<'job-step'>>().toEqualTypeOf<{
      type: 'job-step';
      at: number;
      jobId: string;
      step: string;
      status: StepStatus;
    }>();
    expectTypeOf<Of<'mfa-required'>>().toEqualTypeOf<{
      type: 'mfa-required';
      at: number;
      jobId: string;
      method: string;
      prompts: number;
    }>();
    expectTypeOf<Of<'mfa-submitted'>>().toEqualTypeOf<{
      type: 'mfa-submitted';
      at: number;
      jobId: string;
    }>();
    expectTypeOf<Of<'mfa-accepted'>>().toEqualTypeOf<{
      type: 'mfa-accepted';
      at: number;
      jobId: string;
    }>();
    expectTypeOf<Of<'mfa-refused'>>().toEqualTypeOf<{
      type: 'mfa-refused';
      at: number;
      jobId: string;
      code: string | null;
    }>();
    expectTypeOf<Of<'accounts-ready'>>().toEqualTypeOf<{
      type: 'accounts-ready';
      at: number;
      jobId: string;
    }>();
    expectTypeOf<Of<'job-succeeded'>>().toEqualTypeOf<{
      type: 'job-succeeded';
      at: number;
      jobId: string;
    }>();
    expectTypeOf<Of<'job-failed'>>().toEqualTypeOf<{
      type: 'job-failed';
      at: number;
      jobId: string;
      step: string;
      code: string;
      advice: FailureFamily;
    }>();
    expectTypeOf<Of<'consent-revoked'>>().toEqualTypeOf<{
      type: 'consent-revoked';
      at: number;
      userId: string;
      consentId: string;
    }>();
    expectTypeOf<Of<'auth-link-created'>>().toEqualTypeOf<{
      type: 'auth-link-created';
      at: number;
      userId: string;
      expiresAt: string | null;
    }>();
    expectTypeOf<Of<'auth-link-deleted'>>().toEqualTypeOf<{
      type: 'auth-link-deleted';
      at: number;
      userId: string;
    }>();
    expectTypeOf<Of<'request-failed'>>().toEqualTypeOf<{
      type: 'request-failed';
      at: number;
      error: string;
      status: number | null;
      code: string | null;
      correlationId: string | null;
    }>();
  });
});
