import { assertClientToken } from '../client/tokenGuard.js';
import { postToken, type BasiqTokenResponse, type PostTokenOptions } from './postToken.js';

/**
 * `POST /token` for a CLIENT_ACCESS token bound to `userId`, checked before it is returned:
 * only such a token may leave the server. `expires_in` may be missing or overstate the
 * token's life, so its own `exp` wins.
 */
export async function mintClientToken(
  options: PostTokenOptions,
  userId: string,
): Promise<BasiqTokenResponse> {
  const minted = await postToken(options, 'CLIENT_ACCESS', userId);
  const { exp } = assertClientToken(minted.access_token, { userId });
  const secondsLeft = exp === undefined ? Infinity : exp - Date.now() / 1000;
  return { ...minted, expires_in: Math.floor(Math.min(minted.expires_in, secondsLeft)) };
}
