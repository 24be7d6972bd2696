'use client';
import { useLayoutEffect, useRef, type FocusEvent } from 'react';

/**
 * The focus rule of every component: when the focused element inside it disappears, focus
 * moves to what replaces it (`target()`), never to `<body>`. Spread the returned handlers on
 * the component's root. It only acts when focus was inside and the element holding it left the
 * page, so it never takes focus on a first render or from elsewhere on the page.
 */
export function useFocusRescue(target: () => HTMLElement | null | undefined) {
  const inside = useRef(false);
  // In the commit that removed the element, before anyone sees focus on <body>. React ignores
  // the blur a removal causes (its events are off during a commit), so `inside` still holds.
  useLayoutEffect(() => {
    if (!inside.current) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const element = target();
    if (element) element.focus();
    else inside.current = false;
  });
  return {
    onFocus: () => {
      inside.current = true;
    },
    onBlur: (event: FocusEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) inside.current = false;
    },
  };
}
