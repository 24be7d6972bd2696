// The mock Basiq behind every story: a fresh `createBasiqMock()` per story (and per change of its
// mock controls), wired into `BasiqProvider` through `clientOptions.fetch` (MSW's `getResponse`
// over the mock's handlers), so each story, even several on one docs page, has a Basiq of its own.
import type { Decorator, Loader, StoryContext } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getResponse } from 'msw';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { BasiqProvider, type BasiqProviderProps, type PartialLabels } from '../../src';
import {
  createBasiqMock,
  INSTITUTIONS,
  MOCK_DEFAULTS,
  type BasiqMockControl,
  type BasiqMockOptions,
  type MockScenario,
  type StepDurations,
} from '../../src/testing';
import './stories.css';

/** The signed-in user of every story. */
export const USER = 'u1';
/** Their mobile number (auth links send their SMS check there). */
export const USER_MOBILE = '+61 400 000 178';
/** Where the mock answers (Basiq's own address: nothing leaves the page). */
export const API = MOCK_DEFAULTS.baseUrl;
/** The answer every MFA prompt of the mock accepts. */
export const MFA_ANSWER = MOCK_DEFAULTS.mfaAnswer;
/** A step duration for stories that set one number for every step. */
export const STORY_STEP_MS = 300;
/**
 * Steps in stories unless they say otherwise: the bank signs in and checks MFA answers in
 * 300 ms, data arrives in 50 ms, so each job ends within a poll or two and plays finish fast.
 */
export const STORY_STEPS: StepDurations = {
  'verify-credentials': 300,
  'mfa-verify': 300,
  'retrieve-accounts': 50,
  'retrieve-transactions': 50,
  'retrieve-statements': 50,
  'create-report': 50,
};
/** As STORY_STEPS, but the bank asks for MFA (or fails) as soon as the job starts. */
export const AT_ONCE: StepDurations = { ...STORY_STEPS, 'verify-credentials': 0 };

/** Faults a story (or the Playground's control) can inject into the mock. */
export const FAULTS = {
  none: { label: 'None', apply: () => {} },
  'job-500': {
    label: 'Next job poll fails (500)',
    apply: (c: BasiqMockControl) => c.failNext(1, 500, { path: '/jobs/' }),
  },
  'job-429': {
    label: 'Next job poll rate limited (429, Retry-After 2 s)',
    apply: (c: BasiqMockControl) => c.failNext(1, 429, { path: '/jobs/', retryAfter: 2 }),
  },
  'job-html': {
    label: 'Next job poll answers an HTML error page',
    apply: (c: BasiqMockControl) => c.malformNext('html', { path: '/jobs/' }),
  },
  'basiq-down': {
    label: 'Basiq down for the next 6 requests (503)',
    apply: (c: BasiqMockControl) => c.failNext(6, 503),
  },
  'consents-503': {
    label: 'Consents fail to load once (503)',
    apply: (c: BasiqMockControl) => c.failNext(1, 503, { path: `/users/${USER}/consents` }),
  },
  'revoke-500': {
    label: 'Revoking a consent fails once (500)',
    apply: (c: BasiqMockControl) => c.failNext(1, 500, { path: `/users/${USER}/consents/` }),
  },
  'auth-link-500': {
    label: 'Auth link requests fail once (500)',
    apply: (c: BasiqMockControl) => c.failNext(1, 500, { path: `/users/${USER}/auth_link` }),
  },
} satisfies Record<string, { label: string; apply: (control: BasiqMockControl) => void }>;

export type FaultName = keyof typeof FAULTS;

/** Locales the stories offer; those with labels here show the components translated too. */
export const LOCALES = ['en-AU', 'en-US', 'de-DE'] as const;
export type StoryLocale = (typeof LOCALES)[number];

const GERMAN: PartialLabels = {
  phase: {
    pending: 'Wartet auf den Start',
    'in-progress': 'Verbinden',
    'mfa-required': 'Ihre Bank möchte bestätigen, dass Sie es sind',
    success: 'Verbunden',
    failed: 'Verbindung fehlgeschlagen',
  },
  connectButton: { action: { default: 'Bank verbinden', connect: 'Bank verbinden' } },
  connectionStatus: { progress: '{done} von {total} Schritten erledigt' },
  mfaForm: { title: 'Bestätigen Sie, dass Sie es sind', submit: 'Senden' },
  consentList: {
    revoke: 'Widerrufen',
    // The accessible name must contain the visible text (axe: label-content-name-mismatch).
    revokeName: 'Widerrufen: „{title}“',
    empty: 'Sie haben keine Einwilligungen erteilt.',
  },
};

/** Labels for a locale (English ones need none). */
export const labelsFor = (locale: string | undefined): PartialLabels | undefined =>
  locale?.startsWith('de') ? GERMAN : undefined;

export type Theme = 'auto' | 'dark';

/** What the mock world of a story is made of: `parameters.basiq`, then same-named args over it. */
export interface BasiqRecipe {
  /** Start one job playing this scenario before the story renders; `null`: none. */
  scenario?: MockScenario | null;
  /** Start one job per scenario (several banks), after `scenario`'s. */
  scenarios?: MockScenario[];
  /** Step durations of those jobs. @default STORY_STEPS */
  stepMs?: StepDurations;
  /** Delay every mock response by this many ms. */
  latency?: number;
  /** A fault queued in the mock before the story renders. */
  fault?: FaultName;
  /** Options of `createBasiqMock` (e.g. `mfaExpiryMs`). */
  mock?: BasiqMockOptions;
  /** Runs on the fresh mock before the story renders (create auth links, seed the cache, …). */
  setup?: (world: SetupContext) => void | Promise<void>;
  /** Props of the story's `BasiqProvider` (e.g. `consentBaseUrl`, `allowedHosts`). */
  provider?: Partial<BasiqProviderProps>;
  /** GET attempts of the client (its retry policy). @default 1: a fault shows at once */
  attempts?: number;
}

/** The args that change the mock world (Playground controls, or any story's). */
export interface MockArgs {
  scenario?: MockScenario | null;
  stepMs?: number;
  latency?: number;
  fault?: FaultName;
  locale?: StoryLocale;
  theme?: Theme;
}

const ARG_KEYS = ['scenario', 'stepMs', 'latency', 'fault'] as const;

/** What a setup function may use. */
export interface SetupContext {
  control: BasiqMockControl;
  queryClient: QueryClient;
  /** Sends a request to the mock as the story's user (its CLIENT_ACCESS token). */
  request(method: string, path: string, body?: unknown): Promise<Response>;
}

/** One story's mock Basiq and everything wired to it. */
export interface BasiqWorld {
  id: number;
  /** The recipe values it was made from (args included), to see when the args changed. */
  key: string;
  control: BasiqMockControl;
  queryClient: QueryClient;
  /** The fetch the provider's client uses: answered by the mock, no network, no service worker. */
  fetch: typeof fetch;
  /** The jobs the recipe started. */
  jobIds: string[];
  /** The connection of the first job, if any. */
  connectionId?: string;
  provider: Partial<BasiqProviderProps>;
  attempts: number;
}

let worlds = 0;

function recipeOf(context: Pick<StoryContext, 'parameters' | 'args'>): BasiqRecipe {
  const recipe: BasiqRecipe = { ...(context.parameters.basiq as BasiqRecipe | undefined) };
  const args = context.args as MockArgs;
  for (const key of ARG_KEYS) {
    if (args[key] !== undefined) Object.assign(recipe, { [key]: args[key] });
  }
  return recipe;
}

const keyOf = (context: Pick<StoryContext, 'args'>) =>
  JSON.stringify(ARG_KEYS.map((key) => (context.args as MockArgs)[key] ?? null));

/** Makes a fresh mock and runs the recipe on it. */
export async function createWorld(recipe: BasiqRecipe, key = ''): Promise<BasiqWorld> {
  const { handlers, control } = createBasiqMock(recipe.mock);
  const fetch: typeof globalThis.fetch = async (input, init) =>
    (await getResponse(handlers, new Request(input, init))) ?? new Response(null, { status: 404 });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  control.createUser({ id: USER, mobile: USER_MOBILE });
  const request = (method: string, path: string, body?: unknown) =>
    fetch(`${API}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${control.clientToken(USER)}`,
        'basiq-version': '3.0',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  await recipe.setup?.({ control, queryClient, request });
  const stepMs = recipe.stepMs ?? STORY_STEPS;
  const scenarios = [...(recipe.scenario ? [recipe.scenario] : []), ...(recipe.scenarios ?? [])];
  const jobs = scenarios.map((scenario, index) =>
    control.createJob({
      userId: USER,
      scenario,
      stepMs,
      // One bank per job, as when a user connects several in the consent UI.
      institutionId: INSTITUTIONS[index % INSTITUTIONS.length]!.id,
    }),
  );
  if (recipe.latency) control.setLatency(recipe.latency);
  FAULTS[recipe.fault ?? 'none'].apply(control);
  return {
    id: ++worlds,
    key,
    control,
    queryClient,
    fetch,
    jobIds: jobs.map((job) => job.jobId),
    connectionId: jobs[0]?.connectionId,
    provider: recipe.provider ?? {},
    attempts: recipe.attempts ?? 1,
  };
}

/** Creates the story's world before it renders (play functions read it as `loaded.basiq`). */
export const basiqLoader: Loader = async (context) => ({
  basiq: await createWorld(recipeOf(context), keyOf(context)),
});

const WorldContext = createContext<BasiqWorld | null>(null);

/** The story's mock world: its `control`, the jobs it started, … */
export function useBasiqStory(): BasiqWorld {
  const world = useContext(WorldContext);
  if (!world) throw new Error('useBasiqStory must be used inside the Basiq story decorator');
  return world;
}

/** Provides the world, and makes a new one when the story's mock args change. */
function WorldProvider({
  context,
  children,
}: {
  context: StoryContext;
  children: (world: BasiqWorld) => ReactNode;
}) {
  const [world, setWorld] = useState(() => context.loaded.basiq as BasiqWorld);
  const key = keyOf(context);
  const recipe = useRef(recipeOf(context));
  useEffect(() => {
    recipe.current = recipeOf(context);
  });
  useEffect(() => {
    if (key === world.key) return;
    let live = true;
    void createWorld(recipe.current, key).then((next) => {
      if (live) setWorld(next);
    });
    return () => {
      live = false;
    };
  }, [key, world.key]);
  return <WorldContext.Provider value={world}>{children(world)}</WorldContext.Provider>;
}

/**
 * Wraps every story in a fresh mock Basiq: `QueryClientProvider` + `BasiqProvider` for user
 * 'u1' (`getToken` mints the mock's CLIENT_ACCESS token), labels for the `locale` arg, and the
 * theme (the `theme` arg, else the toolbar's).
 */
export const withBasiq: Decorator = (Story, context) => {
  if (!context.loaded.basiq) return <Story />;
  const args = context.args as MockArgs;
  const theme = args.theme ?? (context.globals.theme as Theme | undefined) ?? 'auto';
  const labels = labelsFor(args.locale);
  return (
    <WorldProvider key={(context.loaded.basiq as BasiqWorld).id} context={context}>
      {(world) => (
        <QueryClientProvider client={world.queryClient}>
          <BasiqProvider
            key={world.id}
            getToken={async () => world.control.clientToken(USER)}
            userId={USER}
            clientOptions={{ fetch: world.fetch, retry: { attempts: world.attempts } }}
            {...(labels && { labels })}
            {...world.provider}
          >
            <div
              className="sb-basiq-canvas"
              data-basiq-theme={theme === 'dark' ? 'dark' : undefined}
            >
              <Story />
            </div>
          </BasiqProvider>
        </QueryClientProvider>
      )}
    </WorldProvider>
  );
};
