// Watches what a keyboard or screen reader user meets while a test drives the components: where
// focus goes, and what each live region says, when.
import { vi } from 'vitest';

const realSetTimeout = globalThis.setTimeout;

/**
 * Moves fake time in `step` ms slices until `done()` holds, letting the browser's real tasks
 * (fetch bodies, MSW) run between slices; throws after `limit` ms of fake time.
 */
export async function advanceUntil(done: () => boolean, limit = 30_000, step = 100) {
  for (let spent = 0; !done(); spent += step) {
    if (spent >= limit) throw new Error(`not reached after ${limit} ms: ${done.toString()}`);
    await vi.advanceTimersByTimeAsync(step);
    await new Promise((resolve) => realSetTimeout(resolve, 0));
  }
}

/** Moves fake time by `ms`, letting the browser's real tasks run between slices. */
export async function advanceBy(ms: number, step = 100) {
  for (let spent = 0; spent < ms; spent += step) {
    await vi.advanceTimersByTimeAsync(Math.min(step, ms - spent));
    await new Promise((resolve) => realSetTimeout(resolve, 0));
  }
}

/** What a live region's politeness is: its `aria-live`, else its role's implicit one. */
export function politeness(element: Element): 'polite' | 'assertive' | 'off' {
  const live = element.getAttribute('aria-live');
  if (live === 'polite' || live === 'assertive' || live === 'off') return live;
  return element.getAttribute('role') === 'alert' ? 'assertive' : 'polite';
}

const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]';

/** The live regions under `root` (itself included) that speak with `level`. */
export const liveRegions = (root: Element, level: 'polite' | 'assertive') =>
  [root, ...root.querySelectorAll(LIVE)].filter(
    (element) => element.matches(LIVE) && politeness(element) === level,
  );

/** One change of one live region's text. */
export interface Announcement {
  /** The fake clock (which also follows real time) when the change was seen. */
  at: number;
  /** Which batch of DOM changes (one per task or microtask checkpoint) it came in. */
  batch: number;
  /** The region, numbered in the order the regions were first seen. */
  region: number;
  text: string;
}

/**
 * Records every change of every live region's text in the document, batch by batch (a batch
 * is what one MutationObserver callback sees: the DOM changes of one task). A region changed
 * several times within a batch counts once, with its last text: a screen reader only ever
 * hears that one.
 */
export function recordAnnouncements() {
  const regions = new Map<Element, { id: number; text: string }>();
  const said: Announcement[] = [];
  let batch = 0;
  const look = () => {
    batch += 1;
    for (const element of document.querySelectorAll(LIVE)) {
      const text = element.textContent ?? '';
      const known = regions.get(element);
      if (!known) regions.set(element, { id: regions.size, text });
      else if (known.text !== text) known.text = text;
      else continue;
      if (text) said.push({ at: Date.now(), batch, region: regions.get(element)!.id, text });
    }
  };
  look();
  const observer = new MutationObserver(look);
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['role', 'aria-live'],
  });
  return { said, stop: () => observer.disconnect() };
}

/** A readable line per announcement, for failure messages. */
export const describeAnnouncements = (said: Announcement[]) =>
  said.map((a) => `${a.at - said[0]!.at} ms, batch ${a.batch}, region ${a.region}: ${a.text}`);

/** A node as a short readable string: tag, class and text (or what it is, for a text node). */
export const describeElement = (node: Node | null) =>
  node instanceof Element
    ? `<${node.tagName.toLowerCase()} class="${node.className}">${(node.textContent ?? '').slice(0, 40)}`
    : (node?.nodeName ?? 'nothing');

/**
 * Records every element focus lands on (`focusin`), and every moment focus is found on
 * `<body>` after the DOM changed (an element removed while focused fires no event), from
 * `arm()` on: before the first Tab, focus starts on `<body>`.
 */
export function recordFocus() {
  const landed: Element[] = [];
  const lost: string[] = [];
  let armed = false;
  const onFocusIn = (event: FocusEvent) => landed.push(event.target as Element);
  const check = (records: MutationRecord[]) => {
    if (!armed || document.activeElement !== document.body) return;
    const removed = records.flatMap((r) => [...r.removedNodes].map(describeElement));
    lost.push(`after removing ${removed.join(', ') || 'nothing'}`);
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  document.addEventListener('focusin', onFocusIn);
  return {
    landed,
    lost,
    arm: () => void (armed = true),
    stop: () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
    },
  };
}
