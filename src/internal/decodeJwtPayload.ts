import { isRecord } from './isRecord.js';

/**
 * The payload of a JWT (`header.payload.signature`, base64url) as an object, or undefined for
 * anything that is not one. No signature is checked: the browser cannot verify Basiq's.
 */
export function decodeJwtPayload(token: unknown): Record<string, unknown> | undefined {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || !/^[\w-]+$/.test(parts[1]!)) return undefined;
  try {
    // atob accepts unpadded input; TextDecoder makes UTF-8 claims read right.
    const binary = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const payload: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    return isRecord(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}
