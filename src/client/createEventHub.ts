import type { BasiqFlowEventInit, BasiqFlowEventListener, BasiqFlowEvent } from './flowEvents.js';

/** The provider's event stream: in order, synchronously, to every listener. */
export interface EventHub {
  /** Stamps `at` and delivers the event to every listener, in subscription order. */
  emit(event: BasiqFlowEventInit): void;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: BasiqFlowEventListener): () => void;
}

/** A new, empty event hub (one per `<BasiqProvider>`). */
export function createEventHub(now: () => number = Date.now): EventHub {
  const listeners = new Set<BasiqFlowEventListener>();
  return {
    emit(init) {
      const event = { ...init, at: now() } as BasiqFlowEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          // A failing listener must not stop the others or the kit; it is the app's bug to see.
          console.error('basiq-react: an event listener threw', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
