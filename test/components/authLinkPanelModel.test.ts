import { describe, expect, it } from 'vitest';
import { BasiqApiError, BasiqNetworkError } from '../../src/client/errors';
import type { AuthLink } from '../../src/client/types';
import {
  authLinkPanelReducer,
  confirming,
  createFailure,
  IDLE,
  isBusy,
  isFailure,
  isMobileInvalid,
  panelState,
  type AuthLinkPanelEvent,
  type AuthLinkPanelModel,
  type AuthLinkPanelNotice,
} from '../../src/components/authLinkPanelModel';

const link = (url: string): AuthLink => ({
  userId: 'u1',
  mobile: '+61400000000',
  expiresAt: '2030-01-08T00:00:00Z',
  url,
  links: { public: url },
});
const LINK = link('https://connect.basiq.io/first');
const OTHER = link('https://connect.basiq.io/second');
const NO_MOBILE = 'The user has no mobile: give one for the SMS check.';

const apiError = (status: number, errors: object[]) =>
  new BasiqApiError(`POST /users/u1/auth_link: ${status}`, {
    status,
    errors,
    method: 'POST',
    path: '/users/u1/auth_link',
  });
const NO_MOBILE_ERROR = apiError(400, [
  {
    code: 'parameter-not-supplied',
    title: 'Missing mobile',
    detail: NO_MOBILE,
    source: { parameter: 'mobile' },
  },
]);

// Shown before each case, so a case can tell whether its event cleared or replaced it.
const EARLIER: AuthLinkPanelNotice = { label: 'copied' };

// What the user is doing: nothing, a confirmation open, Basiq at work (with the confirmation
// the work came from still open).
const STATES = {
  idle: { notice: EARLIER },
  confirmingReplace: { asking: { about: 'replace', link: LINK }, notice: EARLIER },
  confirmingDelete: { asking: { about: 'delete', link: LINK }, notice: EARLIER },
  creating: { creating: 'create', notice: EARLIER },
  replacing: { asking: { about: 'replace', link: LINK }, creating: 'replace', notice: EARLIER },
  deleting: { asking: { about: 'delete', link: LINK }, deleting: true, notice: EARLIER },
  focusing: { notice: EARLIER, focus: 'link' },
} satisfies Record<string, AuthLinkPanelModel>;
type StateName = keyof typeof STATES;
const STATE_NAMES = Object.keys(STATES) as StateName[];

const EVENTS = {
  ask: { type: 'ask', about: 'delete', link: OTHER },
  cancel: { type: 'cancel' },
  submit: { type: 'submit', link: LINK },
  created: { type: 'created' },
  createFailed: { type: 'createFailed', error: NO_MOBILE_ERROR },
  delete: { type: 'delete' },
  deleted: { type: 'deleted' },
  deleteFailed: { type: 'deleteFailed' },
  copy: { type: 'copy' },
  copied: { type: 'copied' },
  copyFailed: { type: 'copyFailed' },
  focused: { type: 'focused' },
} satisfies { [Type in AuthLinkPanelEvent['type']]: Extract<AuthLinkPanelEvent, { type: Type }> };
type EventName = keyof typeof EVENTS;

type Change = Partial<Record<keyof AuthLinkPanelModel, unknown>>;
/** The same change in every state. */
const everywhere = (change: Change) =>
  Object.fromEntries(STATE_NAMES.map((name) => [name, change])) as Record<StateName, Change>;

const REFUSED = {
  label: 'createRefused',
  detail: NO_MOBILE,
  field: 'mobile',
} satisfies AuthLinkPanelNotice;

// What each event changes, by state; a state left out ignores the event (the same model back).
const CHANGES: Record<EventName, Partial<Record<StateName, Change>>> = {
  ask: everywhere({ asking: { about: 'delete', link: OTHER }, notice: undefined }),
  cancel: {
    confirmingReplace: { asking: undefined, notice: undefined, focus: 'replace' },
    confirmingDelete: { asking: undefined, notice: undefined, focus: 'delete' },
    replacing: { asking: undefined, notice: undefined, focus: 'replace' },
    deleting: { asking: undefined, notice: undefined, focus: 'delete' },
  },
  submit: {
    idle: { creating: 'create', notice: undefined },
    confirmingReplace: { creating: 'replace', notice: undefined },
    // The delete confirmation has no form; `create` is what a send from elsewhere would be.
    confirmingDelete: { creating: 'create', notice: undefined },
    deleting: { creating: 'create', notice: undefined },
    focusing: { creating: 'create', notice: undefined },
  },
  created: {
    creating: { creating: undefined, notice: { label: 'created' }, focus: 'link' },
    replacing: {
      asking: undefined,
      creating: undefined,
      notice: { label: 'replaced' },
      focus: 'link',
    },
  },
  createFailed: {
    creating: { creating: undefined, notice: REFUSED, focus: 'mobile' },
    replacing: { creating: undefined, notice: REFUSED, focus: 'mobile' },
  },
  delete: {
    idle: { deleting: true, notice: undefined },
    confirmingReplace: { deleting: true, notice: undefined },
    confirmingDelete: { deleting: true, notice: undefined },
    creating: { deleting: true, notice: undefined },
    replacing: { deleting: true, notice: undefined },
    focusing: { deleting: true, notice: undefined },
  },
  deleted: {
    deleting: { asking: undefined, deleting: false, notice: { label: 'deleted' }, focus: 'none' },
  },
  deleteFailed: {
    deleting: { deleting: false, notice: { label: 'deleteFailed' } },
  },
  copy: everywhere({ notice: undefined }),
  copied: everywhere({ notice: { label: 'copied' } }),
  copyFailed: everywhere({ notice: { label: 'copyFailed' }, focus: 'link' }),
  focused: { focusing: { focus: undefined } },
};

const CASES = STATE_NAMES.flatMap((state) =>
  (Object.keys(EVENTS) as EventName[]).map((event) => ({
    state,
    event,
    change: CHANGES[event][state],
  })),
);

describe('authLinkPanelReducer', () => {
  it.each(CASES.filter(({ change }) => change))(
    'should take $event in $state',
    ({ state, event, change }) => {
      const next = authLinkPanelReducer(STATES[state], EVENTS[event]);
      expect(next).toEqual({ ...STATES[state], ...change });
      expect(next).not.toBe(STATES[state]);
    },
  );

  it.each(CASES.filter(({ change }) => !change))(
    'should ignore $event in $state (the same model back)',
    ({ state, event }) => {
      expect(authLinkPanelReducer(STATES[state], EVENTS[event])).toBe(STATES[state]);
    },
  );

  it('should start with nothing open, nothing at work and nothing to say', () => {
    expect(IDLE).toEqual({});
  });

  it('should create rather than replace once the link asked about changed', () => {
    const asked = authLinkPanelReducer(IDLE, { type: 'ask', about: 'replace', link: LINK });
    expect(authLinkPanelReducer(asked, { type: 'submit', link: OTHER }).creating).toBe('create');
    // Expired meanwhile: the create form of the `none` state sends it.
    expect(authLinkPanelReducer(asked, { type: 'submit', link: null }).creating).toBe('create');
    expect(authLinkPanelReducer(asked, { type: 'submit', link: LINK }).creating).toBe('replace');
  });

  it('should keep the focus asked for when a failure is not the mobile field', () => {
    const model = authLinkPanelReducer(
      { creating: 'create', focus: 'link' },
      { type: 'createFailed', error: apiError(500, []) },
    );
    expect(model).toEqual({ notice: { label: 'createFailed' }, focus: 'link' });
  });

  it('should clear the notice between two copies, so the second is announced too', () => {
    const notices: Array<string | undefined> = [];
    let model = IDLE;
    for (const type of ['copy', 'copied', 'copy', 'copied'] as const) {
      model = authLinkPanelReducer(model, { type });
      notices.push(model.notice?.label);
    }
    expect(notices).toEqual([undefined, 'copied', undefined, 'copied']);
  });

  it('should go through a whole replace: ask, refused for the mobile, sent again, replaced', () => {
    const events: AuthLinkPanelEvent[] = [
      { type: 'ask', about: 'replace', link: LINK },
      { type: 'submit', link: LINK },
      { type: 'createFailed', error: NO_MOBILE_ERROR },
      { type: 'focused' },
      { type: 'submit', link: LINK },
      { type: 'created' },
      { type: 'focused' },
    ];
    const models = events.reduce<AuthLinkPanelModel[]>(
      (seen, event) => [...seen, authLinkPanelReducer(seen.at(-1) ?? IDLE, event)],
      [],
    );
    expect(models.map((model) => confirming(model, LINK))).toEqual([
      'replace',
      'replace',
      'replace',
      'replace',
      'replace',
      undefined,
      undefined,
    ]);
    expect(models[2]).toMatchObject({ notice: REFUSED, focus: 'mobile' });
    expect(models[4]!.notice).toBeUndefined();
    expect(models.at(-1)).toEqual({ notice: { label: 'replaced' } });
  });
});

describe('createFailure', () => {
  it.each([
    ['detail', { code: 'x', title: 'Title', detail: ' Detail ' }, 'Detail'],
    ['title when there is no detail', { code: 'x', title: 'Title' }, 'Title'],
    ['title when the detail is empty', { code: 'x', title: 'Title', detail: '' }, 'Title'],
  ])("should show Basiq's %s", (_, first, detail) => {
    expect(createFailure(apiError(400, [first, { code: 'y', detail: 'second' }]))).toEqual({
      label: 'createRefused',
      detail,
    });
  });

  it('should name the mobile field when Basiq says it is the cause', () => {
    expect(createFailure(NO_MOBILE_ERROR)).toEqual(REFUSED);
    const bare = apiError(422, [{ code: 'x', source: { parameter: 'mobile' } }]);
    expect(createFailure(bare)).toEqual({ label: 'createFailed', field: 'mobile' });
    const other = apiError(400, [{ code: 'x', detail: 'Bad', source: { parameter: 'email' } }]);
    expect(createFailure(other)).toEqual({ label: 'createRefused', detail: 'Bad' });
  });

  it.each([401, 403, 429, 500, 503])(
    'should not show what Basiq says with a %i (nothing the user can fix)',
    (status) => {
      const error = apiError(status, [
        { code: 'x', detail: 'Detail', source: { parameter: 'mobile' } },
      ]);
      expect(createFailure(error)).toEqual({ label: 'createFailed' });
    },
  );

  it.each([
    ['no explanation', apiError(400, [])],
    ['only spaces', apiError(400, [{ code: 'x', detail: '  ' }])],
    ['a network failure', new BasiqNetworkError('POST: network', { reason: 'network' })],
    ['a plain error', new Error('boom')],
    // Only the kit's API errors are read: something shaped like one is not one.
    ['the shape of an API error', { status: 400, errors: [{ code: 'x', detail: 'Detail' }] }],
    ['nothing', undefined],
  ])('should say it failed for %s', (_, error) => {
    expect(createFailure(error)).toEqual({ label: 'createFailed' });
  });
});

describe('panelState', () => {
  it.each([
    [LINK, false, 'active'],
    [LINK, true, 'active'],
    [null, false, 'none'],
    [null, true, 'none'],
    [undefined, true, 'error'],
    [undefined, false, 'loading'],
  ] as const)('should say a link %o with failed=%s is %s', (value, failed, state) => {
    expect(panelState(value, failed)).toBe(state);
  });
});

describe('confirming', () => {
  it('should hold a confirmation for the link it was asked about only', () => {
    const model: AuthLinkPanelModel = { asking: { about: 'delete', link: LINK } };
    expect(confirming(model, LINK)).toBe('delete');
    expect(confirming(model, { ...LINK })).toBeUndefined();
    expect(confirming(model, OTHER)).toBeUndefined();
    expect(confirming(model, null)).toBeUndefined();
    expect(confirming(model, undefined)).toBeUndefined();
  });

  it('should be nothing when nothing was asked, even while the link loads', () => {
    expect(confirming(IDLE, undefined)).toBeUndefined();
    expect(confirming(IDLE, LINK)).toBeUndefined();
  });
});

describe('isBusy', () => {
  it.each([
    ['loading', IDLE, 'loading', true],
    ['creating', { creating: 'create' }, 'none', true],
    ['replacing', { creating: 'replace' }, 'active', true],
    ['deleting', { deleting: true }, 'active', true],
    ['active and idle', IDLE, 'active', false],
    ['deleted', { deleting: false }, 'none', false],
    ['in error', IDLE, 'error', false],
  ] as const)('should say whether it is busy %s', (_, model, state, busy) => {
    expect(isBusy(model, state)).toBe(busy);
  });
});

describe('isFailure', () => {
  it.each([
    ['copied', false],
    ['created', false],
    ['replaced', false],
    ['deleted', false],
    ['copyFailed', true],
    ['createFailed', true],
    ['createRefused', true],
    ['deleteFailed', true],
  ] as const)('should tell whether %s is a failure (%s)', (label, failure) => {
    expect(isFailure({ label })).toBe(failure);
  });

  it('should say nothing shown is no failure', () => {
    expect(isFailure(undefined)).toBe(false);
  });
});

describe('isMobileInvalid', () => {
  it('should mark the mobile field only while the notice blames it', () => {
    expect(isMobileInvalid({ notice: REFUSED })).toBe(true);
    expect(isMobileInvalid({ notice: { label: 'createFailed' } })).toBe(false);
    expect(isMobileInvalid(IDLE)).toBe(false);
  });
});
