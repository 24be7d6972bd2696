/** What takes time in a mock job: the steps that run on their own, and checking an MFA answer. */
export type TimedStep = Exclude<MockStepTitle, 'mfa-challenge'> | 'mfa-verify';

/** The step titles the mock's jobs go through (Basiq's own). */
export type MockStepTitle =
  | 'verify-credentials'
  | 'mfa-challenge'
  | 'retrieve-accounts'
  | 'retrieve-transactions'
  | 'retrieve-statements'
  | 'create-report';

/** Every scenario a mock job can play, in the order the consent stand-in page lists them. */
export const SCENARIOS = [
  'success',
  'mfa-token',
  'mfa-questions',
  'mfa-wrong-then-right',
  'invalid-credentials',
  'user-action-required',
  'service-unavailable',
  'statement',
  'report',
  'array-result',
] as const;

/** A scenario name: what a mock job will do. */
export type MockScenario = (typeof SCENARIOS)[number];

/** An error a step ends with, in Basiq's words. */
export interface StepError {
  code: string;
  title: string;
  detail: string;
}

/** How a scenario's MFA step asks. */
export interface MfaPlan {
  method: string;
  description: string;
  prompts: string[];
  /** The first answer is wrong whatever it is. */
  firstAnswerWrong?: boolean;
  /** Basiq's docs show the MFA result as an array of challenges. */
  asArray?: boolean;
}

/** One step of a scenario: it takes its duration, then succeeds, fails, or (MFA) waits for an answer. */
export interface StepPlan {
  title: MockStepTitle;
  fails?: StepError;
  mfa?: MfaPlan;
}

/** The shape Basiq sends the job in. */
export type JobShape = 'connection' | 'statement' | 'report';

const otp: MfaPlan = {
  method: 'token',
  description: 'A SMS code has been sent to your device, please enter valid number.',
  prompts: ['We sent a code by SMS to your mobile number XXXX XXX 178.'],
};

const fail = (code: string, title: string, detail: string): StepError => ({ code, title, detail });

const connection = (mfa?: MfaPlan, fails?: StepError): StepPlan[] => [
  { title: 'verify-credentials', ...(fails && { fails }) },
  ...(mfa ? [{ title: 'mfa-challenge' as const, mfa }] : []),
  { title: 'retrieve-accounts' },
  { title: 'retrieve-transactions' },
];

/** The steps and shape of each scenario. */
export const SCENARIO_PLANS: Record<MockScenario, { shape: JobShape; steps: StepPlan[] }> = {
  success: { shape: 'connection', steps: connection() },
  'mfa-token': { shape: 'connection', steps: connection(otp) },
  'mfa-questions': {
    shape: 'connection',
    steps: connection({
      method: 'security-questions',
      description: 'Please answer your security questions.',
      prompts: [
        'What was the name of your first pet?',
        'In which city were you born?',
        'What is your favourite colour?',
      ],
    }),
  },
  'mfa-wrong-then-right': {
    shape: 'connection',
    steps: connection({ ...otp, firstAnswerWrong: true }),
  },
  'invalid-credentials': {
    shape: 'connection',
    steps: connection(
      undefined,
      fail(
        'invalid-credentials',
        'Cannot login to target institution, check credentials.',
        'Cannot login to target institution using supplied credentials. Please check credentials and try again.',
      ),
    ),
  },
  'user-action-required': {
    shape: 'connection',
    steps: connection(
      undefined,
      fail(
        'account-not-accessible-requires-user-action',
        'Account not accessible.',
        'Log in to your internet banking, complete the action your bank asks for, then refresh this connection.',
      ),
    ),
  },
  'service-unavailable': {
    shape: 'connection',
    steps: connection(
      undefined,
      fail(
        'service-unavailable',
        'Institution service unavailable.',
        'The institution is having trouble; Basiq will try again later.',
      ),
    ),
  },
  statement: {
    shape: 'statement',
    steps: [
      { title: 'verify-credentials' },
      { title: 'retrieve-accounts' },
      { title: 'retrieve-statements' },
    ],
  },
  report: { shape: 'report', steps: [{ title: 'create-report' }] },
  'array-result': { shape: 'connection', steps: connection({ ...otp, asArray: true }) },
};

/**
 * The reference timeline, in ms per step: verify-credentials 4.3 s, 1 s to check an MFA
 * answer, retrieve-accounts 6.2 s, retrieve-transactions 30.5 s.
 */
export const DEFAULT_STEP_MS: Record<TimedStep, number> = {
  'verify-credentials': 4300,
  'retrieve-accounts': 6200,
  'retrieve-transactions': 30500,
  'retrieve-statements': 5000,
  'create-report': 5000,
  'mfa-verify': 1000,
};
