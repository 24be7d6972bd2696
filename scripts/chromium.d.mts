/** The path of a Chromium executable on this machine, or undefined. */
export function findChromium(): string | undefined;
/** Launch flags that keep Chromium quiet and working on a closed network, as root. */
export const chromiumArgs: string[];
