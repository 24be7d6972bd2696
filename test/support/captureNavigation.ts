// Chromium will not let a test replace or spy on `window.location.assign` (the property is
// non-configurable), and a real navigation would unload the test. The Navigation API sees every
// navigation the page starts, with its destination, and can cancel it: so tests observe the real
// `location.assign` call a component makes, and nothing leaves the page.

interface NavigateEventLike extends Event {
  destination: { url: string };
}

const navigation = () => (window as unknown as { navigation: EventTarget }).navigation;
let stop = () => {};

/**
 * Cancels every navigation the page starts and records its URL, until
 * {@link stopCapturingNavigation} (call it in `afterEach`).
 */
export function captureNavigation(): string[] {
  const urls: string[] = [];
  const onNavigate = (event: Event) => {
    urls.push((event as NavigateEventLike).destination.url);
    event.preventDefault();
  };
  navigation().addEventListener('navigate', onNavigate);
  stop = () => navigation().removeEventListener('navigate', onNavigate);
  return urls;
}

/** Lets navigations through again. */
export function stopCapturingNavigation(): void {
  stop();
}
