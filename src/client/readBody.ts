import { BasiqResponseError } from './errors.js';
import type { Reply } from './request.js';

interface Where {
  method: string;
  path: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** The body as an object, or a `BasiqResponseError` saying what came instead. */
export function readObject({ status, body }: Reply, where: Where): Record<string, unknown> {
  if (isObject(body)) return body;
  throw new BasiqResponseError({
    status,
    ...where,
    problem: body === undefined ? 'an empty body' : 'a body that is not a JSON object',
  });
}

/** The `data` array of a Basiq list (`{ type: 'list', data: [...] }`), objects only. */
export function readList(reply: Reply, where: Where): Record<string, unknown>[] {
  const { data } = readObject(reply, where);
  if (!Array.isArray(data)) {
    throw new BasiqResponseError({
      status: reply.status,
      ...where,
      problem: 'a list without a data array',
    });
  }
  return data.filter(isObject);
}

/** Only the string values of an object (Basiq sends `links: null` at times). */
export function stringEntries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) {
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry === 'string' && key !== '__proto__') out[key] = entry;
    }
  }
  return out;
}
