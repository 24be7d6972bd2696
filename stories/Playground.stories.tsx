import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { AuthLinkPanel, ConnectButton, ConnectionStatus, ConsentList, MfaForm } from '../src';
import { SCENARIOS } from '../src/testing';
import {
  FAULTS,
  LOCALES,
  STORY_STEP_MS,
  USER,
  useBasiqStory,
  type BasiqWorld,
  type FaultName,
  type MockArgs,
  type StoryLocale,
  type Theme,
} from './support/basiqStory';
import { ConsentGuard } from './support/ConsentGuard';
import { EventLog } from './support/EventLog';
import { answerMfa, wait, waitForData, waitForPhase } from './support/play';
import { RequestLog } from './support/RequestLog';
import './support/stories.css';

const COMPONENTS = [
  'ConnectionStatus',
  'MfaForm',
  'ConsentList',
  'AuthLinkPanel',
  'ConnectButton',
] as const;

interface PlaygroundArgs extends MockArgs {
  /** The component to try. */
  component: (typeof COMPONENTS)[number];
  locale: StoryLocale;
  theme: Theme;
}

/** The chosen component on the story's mock, its controls, the mock's request log and the events. */
function Playground({
  component,
  locale,
  fault = 'none',
  scenario,
  stepMs = STORY_STEP_MS,
}: PlaygroundArgs) {
  const world = useBasiqStory();
  const [extraJobs, setExtraJobs] = useState<string[]>([]);
  const jobIds = [...world.jobIds, ...extraJobs];
  const startJob = () => {
    const { jobId } = world.control.createJob({
      userId: USER,
      scenario: scenario ?? 'success',
      stepMs,
    });
    setExtraJobs((ids) => [...ids, jobId]);
  };
  const shown = {
    ConnectionStatus: <ConnectionStatus jobIds={jobIds} />,
    MfaForm: jobIds[0] ? <MfaForm jobId={jobIds.at(-1)!} /> : <p>Pick an MFA scenario.</p>,
    ConsentList: <ConsentList userId={USER} locale={locale} />,
    AuthLinkPanel: <AuthLinkPanel userId={USER} locale={locale} />,
    ConnectButton: (
      <ConsentGuard>
        <ConnectButton action="connect" />
      </ConsentGuard>
    ),
  }[component];
  return (
    <div className="sb-playground">
      <div className="sb-playground-component" data-testid="playground-component">
        {shown}
        <div className="sb-playground-actions">
          <button type="button" onClick={startJob}>
            Start another job
          </button>
          <button
            type="button"
            onClick={() => FAULTS[fault].apply(world.control)}
            disabled={fault === 'none'}
          >
            Inject “{FAULTS[fault].label}” again
          </button>
        </div>
      </div>
      <RequestLog control={world.control} />
      <EventLog />
    </div>
  );
}

const meta = {
  title: 'Playground',
  component: Playground,
  tags: ['autodocs'],
  args: {
    component: 'ConnectionStatus',
    scenario: 'mfa-token',
    stepMs: 500,
    latency: 0,
    fault: 'none',
    locale: 'en-AU',
    theme: 'auto',
  },
  argTypes: {
    component: { control: 'inline-radio', options: COMPONENTS },
    scenario: {
      control: 'select',
      options: SCENARIOS,
      description: 'The scenario of the job the mock starts (a new mock on each change)',
    },
    stepMs: {
      control: { type: 'range', min: 0, max: 5000, step: 100 },
      description: 'How long each step of the job takes (ms)',
    },
    latency: {
      control: { type: 'range', min: 0, max: 3000, step: 50 },
      description: 'Delay of every mock response (ms)',
    },
    fault: {
      control: 'select',
      options: Object.keys(FAULTS) as FaultName[],
      labels: Object.fromEntries(Object.entries(FAULTS).map(([key, f]) => [key, f.label])),
      description: 'A fault queued in the mock when it starts (the button queues it again)',
    },
    locale: {
      control: 'inline-radio',
      options: LOCALES,
      description: 'Dates in this locale; de-DE also swaps in a few German labels',
    },
    theme: {
      control: 'inline-radio',
      options: ['auto', 'dark'],
      description: 'auto follows prefers-color-scheme; dark sets data-basiq-theme="dark"',
    },
  },
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Every component against the embedded mock Basiq. Scenario, step duration, latency ' +
          'and fault make a fresh mock; beside the component, the request log shows each ' +
          'request the mock received and the event log each event of `useBasiqEvents` ' +
          '(`<BasiqProvider onEvent>`), newest first. Every MFA prompt accepts `123456`.',
      },
    },
  },
} satisfies Meta<PlaygroundArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

interface EventRow {
  ms: number;
  type: string;
  fields: string;
}

/** The event log's rows, oldest first (it shows the newest first). */
function eventRows(canvasElement: HTMLElement): EventRow[] {
  const log = within(canvasElement).getByRole('region', { name: 'Event log' });
  return within(log)
    .getAllByRole('row')
    .slice(1)
    .reverse()
    .map((row) => {
      const [ms, type, fields] = [...row.children].map((cell) => cell.textContent ?? '');
      return { ms: Number(ms), type: type!, fields: fields! };
    });
}

/**
 * The log shows each of `expected` exactly once, in this order (other events may come between),
 * with times counted from the first event, and no token anywhere.
 */
function expectEvents(rows: EventRow[], expected: [type: string, fields: RegExp][]) {
  expect(rows[0]?.ms).toBe(0);
  rows.forEach((row, i) => expect(row.ms).toBeGreaterThanOrEqual(rows[i - 1]?.ms ?? 0));
  for (const row of rows) expect(row.fields).not.toMatch(/eyJ|Bearer|access_token/);
  const found = expected.map(([type, fields]) => {
    const matches = rows.filter((row) => row.type === type);
    expect(matches, `one ${type} event`).toHaveLength(1);
    expect(matches[0]!.fields).toMatch(fields);
    return rows.indexOf(matches[0]!);
  });
  expect(found).toEqual([...found].sort((a, b) => a - b));
}

const jobIdOf = (loaded: Record<string, unknown>) => (loaded.basiq as BasiqWorld).jobIds[0]!;

/** What the playground shows on its own: the job asks for a code; you answer (123456). */
export const Default: Story = {
  name: 'Playground',
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await waitForPhase(canvasElement, 'mfa-required');
    await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'idle');
    // The event log got the challenge from the provider's stream, once.
    const jobId = jobIdOf(loaded);
    await waitFor(() => {
      expectEvents(eventRows(canvasElement), [
        ['mfa-required', new RegExp(`^jobId=${jobId} method=token prompts=1$`)],
      ]);
    }, wait);
    // Nothing on the page needs style-src 'unsafe-inline': classes only, logs included.
    await expect(canvasElement.querySelectorAll('[style], style')).toHaveLength(0);
    const log = canvas.getByRole('region', { name: 'Request log' });
    // The log catches up within its 500 ms poll: the job's polls, each with a client token.
    await waitFor(() => {
      const rows = within(log).getAllByRole('row').slice(1);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) {
        expect(row.children[2]).toHaveTextContent(/^\/jobs\//);
        expect(row.children[3]).toHaveTextContent('CLIENT_ACCESS');
      }
    }, wait);
  },
};

/** The play function answers the MFA prompt, after a failed poll and with 100 ms latency. */
export const Scripted: Story = {
  name: 'Scripted: fault, latency, MFA',
  args: { stepMs: 300, latency: 100, fault: 'job-500' },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await answerMfa(canvasElement);
    await waitForPhase(canvasElement, 'success');
    const job = `jobId=${jobIdOf(loaded)}`;
    await waitFor(() => {
      expectEvents(eventRows(canvasElement), [
        ['request-failed', /^error=BasiqApiError status=500 /],
        ['mfa-required', new RegExp(`^${job} method=token prompts=1$`)],
        ['mfa-submitted', new RegExp(`^${job}$`)],
        ['mfa-accepted', new RegExp(`^${job}$`)],
        ['accounts-ready', new RegExp(`^${job}$`)],
        ['job-succeeded', new RegExp(`^${job}$`)],
      ]);
      // The accounts step's success comes just before accounts-ready; the job ends the log.
      const rows = eventRows(canvasElement);
      const ready = rows.findIndex((row) => row.type === 'accounts-ready');
      expect(rows[ready - 1]).toMatchObject({
        type: 'job-step',
        fields: `${job} step=retrieve-accounts status=success`,
      });
      expect(rows.at(-1)?.type).toBe('job-succeeded');
    }, wait);
    const log = canvas.getByRole('region', { name: 'Request log' });
    await waitFor(() => {
      const rows = within(log).getAllByRole('row').slice(1);
      const text = rows.map((row) => row.textContent ?? '');
      expect(text.some((t) => /^\d+POST\/jobs\/[^/]+\/mfaCLIENT_ACCESS202$/.test(t))).toBe(true);
      expect(text.some((t) => /^\d+GET\/jobs\/[^/]+CLIENT_ACCESS500$/.test(t))).toBe(true);
      for (const row of rows) expect(row.children[3]).toHaveTextContent('CLIENT_ACCESS');
    }, wait);
    await expect(canvas.getByTestId('request-count')).toHaveTextContent(/\d+ requests, 1 failed/);
  },
};
