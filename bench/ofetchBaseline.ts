// For scale: the two calls of a connection flow, Basiq's GET /jobs/{id} and POST
// /jobs/{id}/mfa, made with plain ofetch (no token handling, retries or normalizing).
// `npm run bench` bundles it the way it bundles the kit's entries.
import { ofetch } from 'ofetch';

const basiq = ofetch.create({ baseURL: 'https://au-api.basiq.io' });

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export const getJob = (token: string, jobId: string) =>
  basiq(`/jobs/${encodeURIComponent(jobId)}`, { headers: auth(token) });

export const submitMfa = (token: string, jobId: string, answers: string[]) =>
  basiq(`/jobs/${encodeURIComponent(jobId)}/mfa`, {
    method: 'POST',
    headers: auth(token),
    body: { 'mfa-response': answers },
  });
