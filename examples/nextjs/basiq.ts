// Where Basiq is, from the environment, for the page and the Content-Security-Policy. Unset, it
// is the real Basiq; the end-to-end test points both at the mock Basiq on loopback.

/** Basiq's API (or the mock's URL). */
export const basiqBaseUrl = process.env.BASIQ_BASE_URL || 'https://au-api.basiq.io';

/** Basiq's hosted consent UI (or the mock's stand-in). */
export const basiqConsentUrl = process.env.BASIQ_CONSENT_URL || 'https://consent.basiq.io';
