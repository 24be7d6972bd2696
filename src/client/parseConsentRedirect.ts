/** What the consent UI's redirect back to the app carries. */
export interface ConsentRedirect {
  /** The jobs the user started (one per bank connected); empty when nothing was connected. */
  jobIds: string[];
  /** The `state` sent with the consent URL, or null when absent. */
  state: string | null;
}

// Basiq's ids are UUIDs or short hex; anything else in a redirect is junk or an attack.
const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Reads the consent UI's return URL: `jobId`, `jobIds` (comma list) and `state`.
 * Pure, safe on the server. A missing or `null` job id means nothing was connected;
 * ids that are not plain identifiers are dropped.
 *
 * @example parseConsentRedirect('https://app.example/done?jobIds=j1,j2&state=s')
 * // { jobIds: ['j1', 'j2'], state: 's' }
 */
export function parseConsentRedirect(url: string | URL): ConsentRedirect {
  let params: URLSearchParams;
  try {
    params = new URL(url, 'http://localhost').searchParams;
  } catch {
    return { jobIds: [], state: null };
  }
  const raw = [...params.getAll('jobId'), ...params.getAll('jobIds').flatMap((v) => v.split(','))];
  const jobIds = [...new Set(raw.map((id) => id.trim()))].filter(
    (id) => JOB_ID.test(id) && id !== 'null' && id !== 'undefined',
  );
  return { jobIds, state: params.get('state') };
}
