import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { AuthLinkPanel } from '../../src/components/AuthLinkPanel';
import { authLinkLabels as labels } from '../../src/labels/authLinkLabels';
import {
  button,
  confirmButton,
  linkField,
  mobileField,
  panel,
  state,
  status,
} from '../support/authLinkPanel';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

const MOBILE = '+61400000000';

/** Every text the live region showed, in order. */
function watchStatus(): string[] {
  const seen: string[] = [];
  new MutationObserver(() => seen.push(status().textContent ?? '')).observe(status(), {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return seen;
}

async function renderPanel({ mobile }: { mobile?: string } = {}) {
  const bed = createBrowserTestbed();
  if (mobile) bed.control.createUser({ id: USER, mobile });
  bed.render(<AuthLinkPanel userId={USER} />);
  await waitFor(() => expect(state()).toBe('none'));
  return bed;
}

async function createLink() {
  await userEvent.click(button(labels.create));
  await waitFor(() => expect(state()).toBe('active'));
}

describe('AuthLinkPanel', () => {
  it('should offer to create a link when there is none, and create one for the mobile on file', async () => {
    await renderPanel({ mobile: MOBILE });
    expect(screen.getByText(labels.none)).toBeTruthy();
    expect(mobileField().value).toBe('');
    expect(screen.getByRole('region', { name: labels.title })).toBe(panel());
    await expectNoAxeViolations();

    await createLink();
    expect(linkField().value).toMatch(/^https:\/\/connect\.basiq\.io\/\w+$/);
    expect(linkField().readOnly).toBe(true);
    expect(screen.getByText(labels.sentTo.replace('{mobile}', MOBILE))).toBeTruthy();
    await waitFor(() => expect(status().textContent).toBe(labels.created));
    expect(document.activeElement).toBe(linkField());
    expect(panel().querySelector('a')).toBeNull(); // shown as text, never as a link to follow
    await expectNoAxeViolations();
  });

  it('should send the mobile typed in the field', async () => {
    await renderPanel();
    await userEvent.type(mobileField(), '+61411111111');
    await createLink();
    expect(screen.getByText(labels.sentTo.replace('{mobile}', '+61411111111'))).toBeTruthy();
  });

  it('should copy the exact link to the clipboard and announce it every time', async () => {
    await renderPanel({ mobile: MOBILE });
    await createLink();
    const seen = watchStatus();
    await userEvent.click(button(labels.copy));
    await waitFor(() => expect(status().textContent).toBe(labels.copied));
    expect(await navigator.clipboard.readText()).toBe(linkField().value);
    expect(
      screen.getByText(labels.copied, { selector: '.basiq-AuthLinkPanel-notice' }),
    ).toBeTruthy();

    await navigator.clipboard.writeText('something else');
    await userEvent.click(button(labels.copy));
    await waitFor(() => expect(seen.filter((text) => text === labels.copied)).toHaveLength(2));
    expect(await navigator.clipboard.readText()).toBe(linkField().value);
    await expectNoAxeViolations();
  });

  it('should ask before replacing, and then show a different link', async () => {
    const bed = await renderPanel({ mobile: MOBILE });
    await createLink();
    const first = linkField().value;

    await userEvent.click(button(labels.replace));
    const group = screen.getByRole('group', { name: labels.replaceQuestion });
    expect(document.activeElement).toBe(within(group).getByText(labels.replaceQuestion));
    expect(within(group).getByRole('textbox', { name: labels.mobile })).toBeTruthy();
    await expectNoAxeViolations();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(button(labels.replace));
    expect(linkField().value).toBe(first);

    await userEvent.click(button(labels.replace));
    await userEvent.click(confirmButton(labels.replace));
    await waitFor(() => expect(linkField().value).not.toBe(first));
    expect(linkField().value).toMatch(/^https:\/\/connect\.basiq\.io\/\w+$/);
    await waitFor(() => expect(status().textContent).toBe(labels.replaced));
    expect(document.activeElement).toBe(linkField());
    // Basiq keeps the new link only.
    await bed.queryClient.refetchQueries();
    expect(linkField().value).not.toBe(first);
  });

  it('should ask before deleting, and then show the none state', async () => {
    const bed = await renderPanel({ mobile: MOBILE });
    await createLink();

    await userEvent.click(button(labels.delete));
    const group = screen.getByRole('group', { name: labels.deleteQuestion });
    expect(document.activeElement).toBe(within(group).getByText(labels.deleteQuestion));
    await expectNoAxeViolations();
    await userEvent.click(button(labels.cancel));
    expect(state()).toBe('active');
    expect(document.activeElement).toBe(button(labels.delete));

    await userEvent.click(button(labels.delete));
    await userEvent.click(confirmButton(labels.delete));
    await waitFor(() => expect(state()).toBe('none'));
    await waitFor(() => expect(status().textContent).toBe(labels.deleted));
    expect(document.activeElement).toBe(screen.getByText(labels.none));
    expect(button(labels.create)).toBeTruthy();
    expect(bed.control.requests().filter((r) => r.method === 'DELETE')).toMatchObject([
      { path: `/users/${USER}/auth_link`, status: 204 },
    ]);
    await bed.queryClient.refetchQueries(); // Basiq answers 410 now
    expect(state()).toBe('none');
  });

  it('should create, copy, replace and delete with the keyboard only', async () => {
    await renderPanel({ mobile: MOBILE });
    await userEvent.tab();
    expect(document.activeElement).toBe(mobileField());
    await userEvent.tab();
    expect(document.activeElement).toBe(button(labels.create));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(linkField()));
    const first = linkField().value;

    await userEvent.tab();
    expect(document.activeElement).toBe(button(labels.copy));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(status().textContent).toBe(labels.copied));
    expect(await navigator.clipboard.readText()).toBe(first);

    await userEvent.tab();
    expect(document.activeElement).toBe(button(labels.replace));
    await userEvent.keyboard(' ');
    expect(document.activeElement).toBe(screen.getByText(labels.replaceQuestion));
    await userEvent.tab();
    expect(document.activeElement).toBe(mobileField());
    await userEvent.tab();
    expect(document.activeElement).toBe(confirmButton(labels.replace));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(linkField()));
    expect(linkField().value).not.toBe(first);

    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(button(labels.delete));
    await userEvent.keyboard('{Enter}');
    await userEvent.tab();
    expect(document.activeElement).toBe(confirmButton(labels.delete));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(state()).toBe('none'));
    expect(document.activeElement).toBe(screen.getByText(labels.none));
  });
});
