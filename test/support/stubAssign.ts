import { afterEach, vi } from 'vitest';

// jsdom's location cannot be spied on (`assign` is not configurable): the tests swap the whole
// object, and put the real one back after each test.
const realLocation = window.location;
afterEach(() => {
  Object.defineProperty(window, 'location', { value: realLocation, configurable: true });
});

/**
 * Replaces `window.location` by a copy whose `assign` is a mock (running `onAssign` first), so
 * a test sees where the page would go and nothing navigates. Undone after the test.
 */
export function stubAssign(onAssign: (url: string | URL) => void = () => {}) {
  const assign = vi.fn<(url: string | URL) => void>(onAssign);
  Object.defineProperty(window, 'location', {
    value: { ...realLocation, assign },
    configurable: true,
  });
  return assign;
}
