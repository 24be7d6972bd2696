// How many `useConsentRedirect` hooks are mounted, for the development warning about job ids
// in the address that nothing reads.
let mounted = 0;

/** Counts a mounted reader; returns the function that uncounts it. */
export function addRedirectReader(): () => void {
  mounted += 1;
  return () => {
    mounted -= 1;
  };
}

/** How many readers are mounted now. */
export const redirectReaderCount = (): number => mounted;
