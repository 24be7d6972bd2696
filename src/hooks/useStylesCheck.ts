'use client';
import { useEffect } from 'react';
import { warnOnce } from '../internal/warnOnce.js';

/** The custom property `basiq-react/styles.css` sets on `:root`, so its presence can be read. */
export const STYLES_MARKER = '--basiq-styles';

/**
 * How long after a component mounts the stylesheet may take to apply (a dev server injecting
 * it, a lazily loaded chunk's CSS) before it counts as missing.
 */
export const STYLES_CHECK_DELAY_MS = 1000;

// jsdom and happy-dom load no stylesheet a bundler imports: the check could only cry wolf there,
// in this kit's tests and in every app's.
const NO_STYLESHEETS = /\b(jsdom|HappyDOM)\//;

function check(): void {
  if (process.env.NODE_ENV !== 'production') {
    const value = getComputedStyle(document.documentElement).getPropertyValue(STYLES_MARKER);
    if (value.trim()) return;
    warnOnce(
      'styles-missing',
      `a component rendered, but basiq-react/styles.css is not loaded (${STYLES_MARKER} is not set on :root), so it shows unstyled. Add import 'basiq-react/styles.css' once, where your app starts. If you style the components with your own CSS instead, add ${STYLES_MARKER}: 1 to your :root rule to say so.`,
    );
  }
}

/**
 * Development builds only: once per page load, after a component mounts in a browser, warns
 * when the kit's stylesheet is not applied. Call it from each component's root, inside
 * `if (process.env.NODE_ENV !== 'production')`.
 */
export function useStylesCheck(): void {
  useEffect(() => {
    if (NO_STYLESHEETS.test(navigator.userAgent)) return;
    const timer = setTimeout(check, STYLES_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
}
