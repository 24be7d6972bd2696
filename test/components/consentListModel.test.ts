import { describe, expect, it } from 'vitest';
import type { Consent } from '../../src/client/types';
import {
  announcement,
  asking,
  INITIAL,
  listView,
  phaseOf,
  reduceConsentList,
  takesFocus,
  type ConsentListEvent,
  type ConsentListModel,
  type ConsentsQueryView,
  type RevokePhase,
} from '../../src/components/consentListModel';

const ID = 'c-1';
const TITLE = 'Share your financial data';
const PHASES: RevokePhase[] = ['idle', 'confirming', 'cancelled', 'revoking', 'revoked', 'failed'];
// Said before each case, so a case can tell whether its event said something new.
const EARLIER = { label: 'loaded', title: '' } as const;

/** The list with consent `ID` in `phase`, and an earlier notice. */
const inPhase = (phase: RevokePhase): ConsentListModel => ({
  revokes: phase === 'idle' ? {} : { [ID]: { phase, title: TITLE } },
  notice: EARLIER,
});

const EVENTS = {
  open: { type: 'open', consentId: ID },
  cancel: { type: 'cancel', consentId: ID },
  confirm: { type: 'confirm', consentId: ID, title: TITLE },
  revoked: { type: 'revoked', consentId: ID },
  refused: { type: 'refused', consentId: ID },
  loaded: { type: 'loaded' },
} satisfies Record<ConsentListEvent['type'], ConsentListEvent>;

type EventName = keyof typeof EVENTS;

// Phase after each event, by phase before it; a notice where the event says one.
const MOVES: Record<RevokePhase, Partial<Record<EventName, RevokePhase>>> = {
  idle: { open: 'confirming' },
  confirming: { cancel: 'cancelled', confirm: 'revoking' },
  cancelled: { open: 'confirming' },
  revoking: { revoked: 'revoked', refused: 'failed' },
  revoked: { open: 'confirming' },
  failed: { open: 'confirming' },
};
const SAYS: Partial<Record<RevokePhase, string>> = {
  revoking: 'revoking',
  revoked: 'revoked',
  failed: 'revokeFailed',
};

const CASES = PHASES.flatMap((phase) =>
  (Object.keys(EVENTS) as EventName[]).map((event) => ({
    phase,
    event,
    next: MOVES[phase][event] ?? phase,
  })),
);

const consent = (id: string, status: string) => ({ id, status }) as Consent;

const query = (view: Partial<ConsentsQueryView>): ConsentsQueryView => ({
  errorUpdateCount: 0,
  isFetching: false,
  ...view,
});

describe('reduceConsentList', () => {
  it.each(CASES.filter(({ phase, next }) => phase !== next))(
    'should move $phase to $next on $event',
    ({ phase, event, next }) => {
      const model = reduceConsentList(inPhase(phase), EVENTS[event]);
      // The title comes with the confirmation; a first question has none yet.
      expect(model.revokes[ID]).toEqual({ phase: next, title: phase === 'idle' ? '' : TITLE });
      expect(model.notice).toEqual(SAYS[next] ? { label: SAYS[next], title: TITLE } : EARLIER);
    },
  );

  it.each(CASES.filter(({ phase, next, event }) => phase === next && event !== 'loaded'))(
    'should ignore $event in $phase (the same state back)',
    ({ phase, event }) => {
      const before = inPhase(phase);
      expect(reduceConsentList(before, EVENTS[event])).toBe(before);
    },
  );

  it.each(PHASES)('should announce "loaded" in %s and leave the revokes alone', (phase) => {
    const before = inPhase(phase);
    const model = reduceConsentList(before, EVENTS.loaded);
    expect(model.notice).toEqual({ label: 'loaded', title: '' });
    expect(model.revokes).toBe(before.revokes);
  });

  it('should start idle, with nothing to say', () => {
    expect(phaseOf(INITIAL, ID)).toBe('idle');
    expect(INITIAL.notice).toBeUndefined();
  });

  it('should keep each consent apart and announce the title of the one that settles', () => {
    let model = INITIAL;
    for (const [consentId, title] of [
      ['a', 'First'],
      ['b', 'Second'],
    ]) {
      model = reduceConsentList(model, { type: 'open', consentId: consentId! });
      model = reduceConsentList(model, { type: 'confirm', consentId: consentId!, title: title! });
    }
    expect(model.notice).toEqual({ label: 'revoking', title: 'Second' });
    model = reduceConsentList(model, { type: 'refused', consentId: 'a' });
    expect(model.notice).toEqual({ label: 'revokeFailed', title: 'First' });
    expect([phaseOf(model, 'a'), phaseOf(model, 'b')]).toEqual(['failed', 'revoking']);
    model = reduceConsentList(model, { type: 'revoked', consentId: 'b' });
    expect(model.notice).toEqual({ label: 'revoked', title: 'Second' });
  });

  it('should close the question when a refusal comes before the consent left the screen', () => {
    // The removal and its rollback in one render: the item never unmounted.
    let model = reduceConsentList(INITIAL, EVENTS.open);
    model = reduceConsentList(model, EVENTS.confirm);
    expect(asking(phaseOf(model, ID))).toBe(true);
    model = reduceConsentList(model, EVENTS.refused);
    expect(asking(phaseOf(model, ID))).toBe(false);
    expect(takesFocus(phaseOf(model, ID))).toBe(true);
    // Opening it again clears the error.
    expect(phaseOf(reduceConsentList(model, EVENTS.open), ID)).toBe('confirming');
  });

  it('should send a confirmation once, however often it is submitted', () => {
    const sent = reduceConsentList(inPhase('confirming'), EVENTS.confirm);
    expect(reduceConsentList(sent, EVENTS.confirm)).toBe(sent);
  });
});

describe('asking', () => {
  it.each(PHASES.map((phase) => [phase, phase === 'confirming' || phase === 'revoking']))(
    'should show the question in %s: %s',
    (phase, shown) => expect(asking(phase as RevokePhase)).toBe(shown),
  );
});

describe('takesFocus', () => {
  it.each(PHASES.map((phase) => [phase, phase === 'cancelled' || phase === 'failed']))(
    'should give the Revoke button lost focus in %s: %s',
    (phase, takes) => expect(takesFocus(phase as RevokePhase)).toBe(takes),
  );
});

describe('listView', () => {
  it('should be loading, busy, before the first answer', () => {
    expect(listView(query({ isFetching: true }))).toEqual({
      consents: undefined,
      state: 'loading',
      retrying: false,
      busy: true,
      message: 'loading',
    });
  });

  it('should be in error after a failed load, busy while "Try again" runs', () => {
    const failed = listView(query({ errorUpdateCount: 1 }));
    expect(failed).toMatchObject({ state: 'error', retrying: false, busy: false });
    expect(failed.message).toBe('loadFailed');
    const retrying = listView(query({ errorUpdateCount: 1, isFetching: true }));
    expect(retrying).toMatchObject({ state: 'error', retrying: true, busy: true });
    expect(retrying.message).toBe('loading');
  });

  it('should be empty without consents to show, revoked ones hidden by default', () => {
    const data = [consent('a', 'revoked')];
    expect(listView(query({ data: [] }))).toMatchObject({ state: 'empty', message: 'empty' });
    expect(listView(query({ data }))).toMatchObject({ state: 'empty', consents: [] });
    expect(listView(query({ data, errorUpdateCount: 2, isFetching: true }))).toMatchObject({
      state: 'empty',
      retrying: false,
      busy: false,
    });
  });

  it('should be ready with consents, revoked ones only with showRevoked', () => {
    const data = [consent('a', 'active'), consent('b', 'revoked'), consent('c', 'expired')];
    const ids = (showRevoked?: boolean) =>
      listView(query({ data }), showRevoked).consents?.map((shown) => shown.id);
    expect(listView(query({ data })).state).toBe('ready');
    expect(ids()).toEqual(['a', 'c']);
    expect(ids(true)).toEqual(['a', 'b', 'c']);
  });
});

describe('announcement', () => {
  const said = { label: 'revoked', title: TITLE } as const;
  const model = { revokes: {}, notice: said };

  it('should say the load error, and "loading" while "Try again" runs', () => {
    expect(announcement(listView(query({ errorUpdateCount: 1 })), model)).toEqual({
      label: 'loadFailed',
      title: '',
    });
    expect(
      announcement(listView(query({ errorUpdateCount: 1, isFetching: true })), model)?.label,
    ).toBe('loading');
  });

  it('should say the last notice otherwise, and nothing before the first', () => {
    expect(announcement(listView(query({ data: [] })), model)).toBe(said);
    expect(announcement(listView(query({ isFetching: true })), INITIAL)).toBeUndefined();
  });
});
