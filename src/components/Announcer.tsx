'use client';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  announcerReducer,
  SILENT,
  type Announcement,
  type AnnouncerEvent,
  type AnnouncerState,
} from './announcerModel.js';

const AnnouncerContext = /* @__PURE__ */ createContext<((say: Announcement) => void) | null>(null);

type Regions = Pick<AnnouncerState, 'polite' | 'assertive'>;

// The queue and its timer, kept out of React state: only a change of a region's text renders,
// so queueing a message or the end of a hold commits nothing (polls that change nothing must
// commit nothing: a render budget).
function createQueue(render: (regions: Regions) => void) {
  let state = SILENT;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The hold restarts as each message shows (every show changes one region's text).
  const arm = () => {
    clearTimeout(timer);
    if (state.wait) timer = setTimeout(() => dispatch({ type: 'tick' }), state.wait);
  };
  function dispatch(event: AnnouncerEvent) {
    const previous = state;
    state = announcerReducer(previous, event);
    if (state.polite === previous.polite && state.assertive === previous.assertive) return;
    render({ polite: state.polite, assertive: state.assertive });
    arm();
  }
  return {
    say: (announcement: Announcement) => dispatch({ type: 'say', announcement }),
    arm,
    stop: () => clearTimeout(timer),
  };
}

// Renders the two regions, kept in the DOM from the first render (a region added with its text
// is not read), and feeds them from the queue.
function AnnouncerRoot({ children }: { children: ReactNode }) {
  const [{ polite, assertive }, setRegions] = useState<Regions>(SILENT);
  const [queue] = useState(() => createQueue(setRegions));
  // Armed again on mount, after the children's first messages: StrictMode unmounts and mounts
  // again, and the unmount stopped the hold's timer.
  useEffect(() => {
    queue.arm();
    return queue.stop;
  }, [queue]);
  const say = queue.say;
  return (
    <AnnouncerContext.Provider value={say}>
      <p className="basiq-visuallyHidden" role="status" aria-live="polite" aria-atomic="true">
        {polite}
      </p>
      <p className="basiq-visuallyHidden" role="alert" aria-live="assertive" aria-atomic="true">
        {assertive}
      </p>
      {children}
    </AnnouncerContext.Provider>
  );
}

/**
 * One announcer per component tree: the outermost `Announcer` renders a polite and an assertive
 * live region (visually hidden) where it stands, and every {@link Announce} below it, nested
 * components included, speaks through them one message at a time, in order. An inner
 * `Announcer` (the MfaForm inside ConnectionStatus) only passes its children through.
 */
export function Announcer({ children }: { children: ReactNode }) {
  return useContext(AnnouncerContext) ? <>{children}</> : <AnnouncerRoot>{children}</AnnouncerRoot>;
}

/** Props of {@link Announce}. */
export interface AnnounceProps {
  /** The current message: each change to a non-empty text is read once; empty says nothing. */
  message: string;
  /** A failure that needs the user to act: read assertively. @default false */
  urgent?: boolean;
}

/**
 * Says `message` through the nearest {@link Announcer} each time it changes (a render with the
 * same message says nothing, under StrictMode too). Renders nothing.
 */
export function Announce({ message, urgent = false }: AnnounceProps) {
  const say = useContext(AnnouncerContext);
  const said = useRef('');
  useEffect(() => {
    if (message === said.current) return;
    said.current = message;
    if (message) say?.({ text: message, urgent });
  }, [message, urgent, say]);
  return null;
}
