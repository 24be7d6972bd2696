import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { AuthLink } from '../../src/client/types';
import { AuthLinkPanel } from '../../src/components/AuthLinkPanel';
import { authLinkLabels as labels } from '../../src/labels/authLinkLabels';
import { basiqKeys } from '../../src/queries/basiqKeys';
import {
  button,
  confirmButton,
  linkField,
  mobileField,
  panel,
  state,
} from '../support/authLinkPanel';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

const PATH = `/users/${USER}/auth_link`;
/** The assertive region: failed actions need the user to act. */
const alert = () => screen.getByRole('alert');
const NO_MOBILE = 'The user has no mobile: give one for the SMS check.';
const medium = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

async function withLink(bed = createBrowserTestbed(), locale?: string) {
  bed.control.createUser({ id: USER, mobile: '+61400000000' });
  const view = bed.render(<AuthLinkPanel userId={USER} locale={locale} />);
  await waitFor(() => expect(state()).toBe('none'));
  await userEvent.click(button(labels.create));
  await waitFor(() => expect(state()).toBe('active'));
  return { bed, ...view };
}

describe('AuthLinkPanel states', () => {
  it('should show a busy loading state, then the none state', async () => {
    const bed = createBrowserTestbed();
    bed.control.setLatency(400);
    bed.render(<AuthLinkPanel userId={USER} className="mine" />);
    expect(state()).toBe('loading');
    expect(panel().className).toBe('basiq-AuthLinkPanel mine');
    expect(panel().getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText(labels.loading)).toBeTruthy();
    await expectNoAxeViolations();
    await waitFor(() => expect(state()).toBe('none'));
    expect(panel().hasAttribute('aria-busy')).toBe(false);
  });

  it('should say when the link cannot be loaded, and load it again on request', async () => {
    const bed = createBrowserTestbed();
    bed.control.failNext(1, 500, { path: PATH });
    bed.render(<AuthLinkPanel userId={USER} />);
    await waitFor(() => expect(state()).toBe('error'));
    expect(screen.getByText(labels.loadFailed)).toBeTruthy();
    await expectNoAxeViolations();
    await userEvent.click(button(labels.retry));
    await waitFor(() => expect(state()).toBe('none'));
  });

  it("should show Basiq's message and keep the mobile field when the user has no mobile (400)", async () => {
    const bed = createBrowserTestbed();
    bed.render(<AuthLinkPanel userId={USER} />);
    await waitFor(() => expect(state()).toBe('none'));
    await userEvent.click(button(labels.create));

    const message = labels.createRefused.replace('{detail}', NO_MOBILE);
    await waitFor(() => expect(alert().textContent).toBe(message));
    expect(state()).toBe('none');
    expect(screen.getByText(message, { selector: '.basiq-AuthLinkPanel-notice' })).toBeTruthy();
    expect(bed.control.requests().at(-1)).toMatchObject({ method: 'POST', status: 400 });
    expect(mobileField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { description: new RegExp(NO_MOBILE) })).toBe(mobileField());
    expect(document.activeElement).toBe(mobileField());
    await expectNoAxeViolations();

    await userEvent.keyboard('+61422222222{Enter}');
    await waitFor(() => expect(state()).toBe('active'));
    expect(screen.getByText(labels.sentTo.replace('{mobile}', '+61422222222'))).toBeTruthy();

    // Replacing without a mobile fails the same way: the confirmation and its field stay.
    // The alert still holds the first refusal, so wait for the second 400 and the focus move.
    const refusals = () =>
      bed.control.requests().filter((r) => r.method === 'POST' && r.status === 400).length;
    expect(refusals()).toBe(1);
    await userEvent.click(button(labels.replace));
    await userEvent.click(confirmButton(labels.replace));
    await waitFor(() => expect(refusals()).toBe(2));
    const groupField = () =>
      within(screen.getByRole('group', { name: labels.replaceQuestion })).getByRole('textbox', {
        name: labels.mobile,
      });
    await waitFor(() => expect(groupField()).toBe(document.activeElement));
    // The announcer empties the region first, so the same text is spoken again.
    await waitFor(() => expect(alert().textContent).toBe(message));
    await expectNoAxeViolations();
  });

  it('should show the expiry date in the locale', async () => {
    const { rerender } = await withLink();
    const time = panel().querySelector('time')!;
    const expiresAt = time.getAttribute('dateTime')!;
    expect(Math.abs(Date.parse(expiresAt) - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    expect(time.textContent).toBe(medium(expiresAt, 'en-AU'));
    expect(time.parentElement!.textContent).toBe(`Expires ${medium(expiresAt, 'en-AU')}`);
    expect(linkField().getAttribute('aria-describedby')).toBe(time.parentElement!.id);

    rerender(<AuthLinkPanel userId={USER} locale="de-DE" />);
    expect(panel().querySelector('time')!.textContent).toBe(medium(expiresAt, 'de-DE'));
  });

  it('should put the date where a translated label wants it', async () => {
    const bed = createBrowserTestbed({
      provider: { labels: { authLinkPanel: { expires: 'Gültig bis {date}.' } } },
    });
    await withLink(bed, 'de-DE');
    const time = panel().querySelector('time')!;
    expect(time.parentElement!.textContent).toBe(
      `Gültig bis ${medium(time.getAttribute('dateTime')!, 'de-DE')}.`,
    );
  });

  it('should select the link and explain when the clipboard is refused', async () => {
    await withLink();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Denied'));
    await userEvent.click(button(labels.copy));
    await waitFor(() => expect(alert().textContent).toBe(labels.copyFailed));
    const field = linkField();
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);
    const notice = screen.getByText(labels.copyFailed, { selector: '.basiq-AuthLinkPanel-notice' });
    expect(notice.getAttribute('data-tone')).toBe('error');
    await expectNoAxeViolations();
  });

  it('should keep the link and say so when deleting fails', async () => {
    const { bed } = await withLink();
    const url = linkField().value;
    bed.control.failNext(1, 500, { path: PATH });
    await userEvent.click(button(labels.delete));
    await userEvent.click(confirmButton(labels.delete));
    await waitFor(() => expect(alert().textContent).toBe(labels.deleteFailed));
    expect(state()).toBe('active');
    expect(linkField().value).toBe(url);
    expect(confirmButton(labels.delete)).toBeTruthy(); // can try again
    await expectNoAxeViolations();
  });

  it('should keep a confirmation while the link is the same, and close it when it changes', async () => {
    const { bed } = await withLink();
    await userEvent.click(button(labels.delete));
    await bed.queryClient.refetchQueries(); // Basiq answers the same link
    expect(screen.getByRole('group', { name: labels.deleteQuestion })).toBeTruthy();

    const link = bed.queryClient.getQueryData<AuthLink>(basiqKeys.authLink(USER))!;
    bed.queryClient.setQueryData(basiqKeys.authLink(USER), { ...link, url: `${link.url}2` });
    await waitFor(() => expect(screen.queryByRole('group')).toBeNull());
    expect(button(labels.delete)).toBeTruthy();
  });

  it('should show hostile strings as text without breaking the layout', async () => {
    const bed = createBrowserTestbed();
    const hostile =
      '\u202Ejavascript:alert(1)//<script>window.pwned=1</script><img src=x onerror="window.pwned=1">';
    bed.render(
      <div style={{ width: 320 }}>
        <AuthLinkPanel userId={USER} />
      </div>,
    );
    await waitFor(() => expect(state()).toBe('none'));
    const link: AuthLink = {
      userId: USER,
      mobile: hostile + '9'.repeat(10_000),
      expiresAt: hostile,
      url: hostile + 'A'.repeat(10_000),
      links: {},
    };
    bed.queryClient.setQueryData(basiqKeys.authLink(USER), link);
    await waitFor(() => expect(state()).toBe('active'));

    expect(linkField().value).toBe(link.url);
    expect(panel().querySelector('script, img, a')).toBeNull();
    expect((window as { pwned?: unknown }).pwned).toBeUndefined();
    expect(panel().querySelector('time')!.textContent).toBe(hostile);
    expect(panel().getBoundingClientRect().width).toBeLessThanOrEqual(320);
    expect(panel().scrollWidth).toBeLessThanOrEqual(panel().clientWidth);
    await expectNoAxeViolations();
  });
});
