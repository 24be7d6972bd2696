// The AuthLinkPanel's state machine: what the user is doing with the link and what the panel
// says about it. Pure, so the component stays a thin view over it. Whether there is a link at
// all (loading, error, none, active) is the query's; this holds only what the user started.
import { BasiqApiError } from '../client/errors.js';
import type { AuthLink } from '../client/types.js';

/** What `data-state` on an {@link AuthLinkPanel} says. */
export type AuthLinkPanelState = 'loading' | 'error' | 'none' | 'active';

/** An element focus moves to: the link field, the mobile field, the `none` text, or a button. */
export type AuthLinkPanelFocus = 'link' | 'mobile' | 'none' | 'replace' | 'delete';

/** The last outcome, shown and announced: the label that says it, and what it needs. */
export interface AuthLinkPanelNotice {
  /** Key of the `authLinkPanel` label it shows. */
  label:
    | 'copied'
    | 'copyFailed'
    | 'created'
    | 'replaced'
    | 'createFailed'
    | 'createRefused'
    | 'deleted'
    | 'deleteFailed';
  /** Basiq's explanation, for `createRefused`. */
  detail?: string;
  /** The field Basiq named as the cause (it needs a mobile, or a valid one). */
  field?: 'mobile';
}

/**
 * What the user is doing. With nothing open the panel shows its actions (`active`) or the
 * create form with its mobile field (`none`); `asking` opens a confirmation (`replace` with the
 * mobile field). `creating` and `deleting` last while Basiq works, whatever is open meanwhile.
 */
export interface AuthLinkPanelModel {
  /** The confirmation open, and the link it was asked about: it holds for that link only. */
  asking?: { about: 'replace' | 'delete'; link: AuthLink };
  /** A link is on its way: from the create form, or replacing the current one. */
  creating?: 'create' | 'replace';
  /** The link is being deleted. */
  deleting?: boolean;
  /** The last outcome; cleared as the user starts something, so a repeat is announced again. */
  notice?: AuthLinkPanelNotice;
  /** Where focus goes once a render has put that element on the page. */
  focus?: AuthLinkPanelFocus;
}

/** What happens to the panel: the user's actions, and Basiq's answers to them. */
export type AuthLinkPanelEvent =
  /** Replace or Delete was pressed on the shown `link`: ask first. */
  | { type: 'ask'; about: 'replace' | 'delete'; link: AuthLink }
  /** The confirmation was cancelled (button or Escape). */
  | { type: 'cancel' }
  /** The create form or the replace confirmation was sent, while `link` was shown. */
  | { type: 'submit'; link: AuthLink | null | undefined }
  /** Basiq created the link. */
  | { type: 'created' }
  /** Creating failed with `error`. */
  | { type: 'createFailed'; error: unknown }
  /** Deleting was confirmed. */
  | { type: 'delete' }
  /** Basiq deleted the link. */
  | { type: 'deleted' }
  /** Deleting failed. */
  | { type: 'deleteFailed' }
  /** Copy was pressed. */
  | { type: 'copy' }
  /** The link is on the clipboard. */
  | { type: 'copied' }
  /** The browser refused the clipboard (permissions, insecure page). */
  | { type: 'copyFailed' }
  /** Focus moved where `focus` asked. */
  | { type: 'focused' };

/** Nothing started yet. */
export const IDLE: AuthLinkPanelModel = {};

/** The panel's `data-state`, from the query's link (`null`: none) and whether it failed. */
export const panelState = (
  link: AuthLink | null | undefined,
  failed: boolean,
): AuthLinkPanelState => (link ? 'active' : link === null ? 'none' : failed ? 'error' : 'loading');

/** The confirmation open for the shown `link` (not one asked about a link since changed). */
export const confirming = (model: AuthLinkPanelModel, link: AuthLink | null | undefined) =>
  model.asking && model.asking.link === link ? model.asking.about : undefined;

/** Whether the panel is busy (`aria-busy`): loading, or Basiq is creating or deleting. */
export const isBusy = (model: AuthLinkPanelModel, state: AuthLinkPanelState) =>
  state === 'loading' || !!model.creating || !!model.deleting;

/** Whether the notice reports a failure (`data-tone="error"`). */
export const isFailure = (notice: AuthLinkPanelNotice | undefined) =>
  !!notice && /Failed|Refused/.test(notice.label);

/** Whether the mobile field caused the last failure (`aria-invalid`). */
export const isMobileInvalid = (model: AuthLinkPanelModel) => model.notice?.field === 'mobile';

/** What a failed create says: Basiq's own explanation of a refusal, if it gave one. */
export function createFailure(error: unknown): AuthLinkPanelNotice {
  // Not for auth or rate limits (nothing the user can fix), nor server errors.
  const first =
    error instanceof BasiqApiError && error.status < 500 && ![401, 403, 429].includes(error.status)
      ? error.errors?.[0]
      : undefined;
  const detail = (first?.detail || first?.title)?.trim();
  const field = first?.source?.parameter === 'mobile' ? 'mobile' : undefined;
  return detail ? { label: 'createRefused', detail, field } : { label: 'createFailed', field };
}

/**
 * The panel's next model after `event`. A send while the same work is on its way, an answer to
 * nothing in progress, and a cancel with nothing open give the same model back.
 */
export function authLinkPanelReducer(
  model: AuthLinkPanelModel,
  event: AuthLinkPanelEvent,
): AuthLinkPanelModel {
  // Starting something clears the notice, so the same outcome twice is announced twice.
  switch (event.type) {
    case 'ask':
      return { ...model, asking: { about: event.about, link: event.link }, notice: undefined };
    case 'cancel':
      return model.asking
        ? { ...model, asking: undefined, notice: undefined, focus: model.asking.about }
        : model;
    case 'submit':
      return model.creating
        ? model
        : {
            ...model,
            creating: confirming(model, event.link) === 'replace' ? 'replace' : 'create',
            notice: undefined,
          };
    case 'created':
      return model.creating
        ? {
            ...model,
            asking: undefined,
            creating: undefined,
            notice: { label: model.creating === 'replace' ? 'replaced' : 'created' },
            focus: 'link',
          }
        : model;
    case 'createFailed': {
      if (!model.creating) return model;
      const notice = createFailure(event.error);
      return { ...model, creating: undefined, notice, focus: notice.field ?? model.focus };
    }
    case 'delete':
      return model.deleting ? model : { ...model, deleting: true, notice: undefined };
    case 'deleted':
      return model.deleting
        ? {
            ...model,
            asking: undefined,
            deleting: false,
            notice: { label: 'deleted' },
            focus: 'none',
          }
        : model;
    case 'deleteFailed':
      return model.deleting
        ? { ...model, deleting: false, notice: { label: 'deleteFailed' } }
        : model;
    case 'copy':
      return { ...model, notice: undefined };
    case 'copied':
      return { ...model, notice: { label: 'copied' } };
    case 'copyFailed':
      // The link is selected for the user to copy by hand.
      return { ...model, notice: { label: 'copyFailed' }, focus: 'link' };
    case 'focused':
      return model.focus ? { ...model, focus: undefined } : model;
  }
}
