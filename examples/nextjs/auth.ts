// A stand-in for your own session (Auth.js, Clerk, iron-session, …): a signed cookie naming the
// Basiq user of whoever signed in through /api/sign-in. Only the shape matters to the token
// route: `auth()` resolves to the signed-in user, or null.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';

export const SESSION_COOKIE = 'session';

// A real app keeps this secret in its configuration. Without one, a fresh one per server process
// (on globalThis: Next bundles each route apart, each with its own copy of this module).
const shared = globalThis as { exampleSessionSecret?: string };
const secret = (shared.exampleSessionSecret ??=
  process.env.SESSION_SECRET || randomBytes(32).toString('hex'));

const sign = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');

/** The cookie's value for a user: their Basiq user id and its signature. */
export function sessionValue(basiqUserId: string): string {
  return `${basiqUserId}.${sign(basiqUserId)}`;
}

/** The signed-in user, from the session cookie; null when there is none or it was tampered with. */
export async function auth(): Promise<{ user: { basiqUserId: string } } | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  const dot = value?.lastIndexOf('.') ?? -1;
  if (!value || dot < 1) return null;
  const basiqUserId = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(basiqUserId));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { user: { basiqUserId } };
}
