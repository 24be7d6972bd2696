import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  ConnectButton,
  ConnectionStatus,
  ConsentList,
  parseConsentRedirect,
  useConsentLauncher,
} from '../src';
import { INSTITUTIONS, SCENARIOS, type MockScenario } from '../src/testing';
import { STORY_STEPS, USER, useBasiqStory, type MockArgs } from './support/basiqStory';
import { ConsentGuard } from './support/ConsentGuard';
import { answerMfa, wait, waitForData, waitForPhase } from './support/play';
import './support/stories.css';

type Step = 'app' | 'consent' | 'back';

/**
 * The whole round trip on the mock: the app's ConnectButton, a stand-in for Basiq's consent UI
 * (which cannot open inside Storybook), the return with `jobIds`, ConnectionStatus through MFA,
 * and the consents with Revoke.
 */
function FullFlow({ stepMs }: MockArgs) {
  const { control } = useBasiqStory();
  const { href } = useConsentLauncher({ action: 'connect' });
  const [step, setStep] = useState<Step>('app');
  const [banks, setBanks] = useState<string[]>([INSTITUTIONS[0]!.id]);
  const [scenario, setScenario] = useState<MockScenario>('mfa-token');
  const [redirect, setRedirect] = useState('');
  const [connected, setConnected] = useState(0);
  const consentUrl = href ? new URL(href) : undefined;
  const backRef = useRef<HTMLHeadingElement>(null);
  // Like a page load after the redirect: the stand-in closes, the app's heading takes focus.
  useEffect(() => {
    if (step === 'back') backRef.current?.focus();
  }, [step]);

  /** What Basiq's consent UI does: start a job per bank, then send the user back. */
  const complete = (event: FormEvent) => {
    event.preventDefault();
    const jobIds = banks.map(
      (institutionId) =>
        control.createJob({
          userId: USER,
          scenario,
          stepMs: stepMs ?? STORY_STEPS,
          institutionId,
        }).jobId,
    );
    const back = new URL('/connected', window.location.origin);
    back.searchParams.set('jobIds', jobIds.join(','));
    back.searchParams.set('state', consentUrl?.searchParams.get('state') ?? '');
    setRedirect(back.pathname + back.search);
    setStep('back');
  };
  const { jobIds } = parseConsentRedirect(redirect);

  return (
    <div className="sb-stack sb-stack-wide sb-stack-640">
      <section aria-labelledby="flow-app">
        <h2 id="flow-app">1. Your app</h2>
        <ConsentGuard onIntercept={() => setStep((now) => (now === 'app' ? 'consent' : now))}>
          <ConnectButton action="connect" />
        </ConsentGuard>
      </section>

      {step === 'consent' && (
        <section aria-labelledby="flow-consent" className="sb-stand-in">
          <h2 id="flow-consent">2. Basiq’s consent UI (stand-in)</h2>
          <p>
            The button would open{' '}
            <code>
              {consentUrl
                ? `${consentUrl.origin}${consentUrl.pathname}?action=${consentUrl.searchParams.get('action')}&state=…`
                : 'the consent UI'}
            </code>{' '}
            (its token is not shown). Pick what happens there:
          </p>
          <form onSubmit={complete} className="sb-stack">
            <fieldset>
              <legend>Banks to connect</legend>
              {INSTITUTIONS.map((bank) => (
                <label key={bank.id} className="sb-block">
                  <input
                    type="checkbox"
                    checked={banks.includes(bank.id)}
                    onChange={(event) =>
                      setBanks((all) =>
                        event.target.checked
                          ? [...all, bank.id]
                          : all.filter((id) => id !== bank.id),
                      )
                    }
                  />{' '}
                  {bank.name}
                </label>
              ))}
            </fieldset>
            <label>
              Scenario{' '}
              <select
                value={scenario}
                onChange={(event) => setScenario(event.target.value as MockScenario)}
              >
                {SCENARIOS.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </label>
            <div>
              <button type="submit" disabled={banks.length === 0}>
                Complete consent (mock)
              </button>
            </div>
          </form>
        </section>
      )}

      {step === 'back' && (
        <section aria-labelledby="flow-status">
          <h2 id="flow-status" ref={backRef} tabIndex={-1}>
            3. Back in your app
          </h2>
          <p>
            Redirected to <code data-testid="redirect">{redirect}</code>
          </p>
          <ConnectionStatus jobIds={jobIds} onSuccess={() => setConnected((n) => n + 1)} />
        </section>
      )}

      {connected > 0 && (
        <section aria-labelledby="flow-consents">
          <h2 id="flow-consents">4. Your consents</h2>
          <ConsentList userId={USER} />
        </section>
      )}
    </div>
  );
}

const meta = {
  title: 'Full flow',
  component: FullFlow,
  tags: ['autodocs'],
  args: { scenario: null },
  argTypes: {
    scenario: { table: { disable: true } },
    stepMs: {
      control: { type: 'range', min: 0, max: 5000, step: 100 },
      description:
        'How long each step of the jobs takes (ms); unset, sign-in and MFA checks take 300 ms and data 50 ms',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'ConnectButton → stand-in consent page → return with `jobIds` → ConnectionStatus → ' +
          'MFA (`123456`) → success → ConsentList with Revoke, all on the mock.',
      },
    },
  },
} satisfies Meta<MockArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ConnectToRevoke: Story = {
  name: 'Full flow',
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step('Connect', async () => {
      await waitForData(canvasElement, '.basiq-ConnectButton', 'state', 'ready');
      await userEvent.click(canvas.getByRole('button', { name: 'Connect your bank' }));
    });
    await step('Complete the stand-in consent page', async () => {
      const consent = await canvas.findByRole('region', { name: /consent UI \(stand-in\)/ }, wait);
      await expect(within(consent).getByRole('checkbox', { name: 'Hooli Bank' })).toBeChecked();
      await expect(within(consent).getByRole('combobox', { name: 'Scenario' })).toHaveValue(
        'mfa-token',
      );
      await userEvent.click(
        within(consent).getByRole('button', { name: 'Complete consent (mock)' }),
      );
      await expect(canvas.getByTestId('redirect')).toHaveTextContent(
        /^\/connected\?jobIds=[\w-]+&state=[\w-]+$/,
      );
      await expect(canvas.getByRole('heading', { name: '3. Back in your app' })).toHaveFocus();
    });
    await step('Answer the MFA prompt', async () => {
      await waitForPhase(canvasElement, 'mfa-required');
      await answerMfa(canvasElement);
      await waitForPhase(canvasElement, 'success');
    });
    await step('Revoke the consent', async () => {
      const consents = await canvas.findByRole('region', { name: '4. Your consents' }, wait);
      await waitForData(consents, '.basiq-ConsentList', 'state', 'ready');
      await userEvent.click(
        within(consents).getByRole('button', {
          name: 'Revoke consent “Share your financial data”',
        }),
      );
      await userEvent.click(within(consents).getByRole('button', { name: 'Yes, revoke' }));
      await waitForData(consents, '.basiq-ConsentList', 'state', 'empty');
      const revoked = 'Consent “Share your financial data” revoked.';
      await waitFor(
        () => expect(within(consents).getByRole('status')).toHaveTextContent(revoked),
        wait,
      );
      // No consent left: the list's message takes focus from the removed buttons.
      await expect(within(consents).getByText('You have no consents.')).toHaveFocus();
    });
  },
};

/** The same flow for you to click through (its play only checks where it starts). */
export const ByHand: Story = {
  name: 'Full flow, by hand',
  play: async ({ canvasElement }) => {
    await waitForData(canvasElement, '.basiq-ConnectButton', 'state', 'ready');
    await expect(within(canvasElement).queryByRole('region', { name: /stand-in/ })).toBeNull();
  },
};
