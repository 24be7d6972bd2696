import { act } from '@testing-library/react';

/**
 * What the browser does when the user switches tabs: `document.visibilityState` changes and
 * `visibilitychange` fires at the document, bubbling to window, where react-query listens.
 * Undo with `Reflect.deleteProperty(document, 'visibilityState')` after each test.
 */
export function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    value: hidden ? 'hidden' : 'visible',
    configurable: true,
  });
  act(() => void document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
}
