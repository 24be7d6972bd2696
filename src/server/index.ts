/**
 * `basiq-react/server`: your token endpoint and the server-only Core operations. It holds your
 * API key: import it from server code only (bundlers for the browser get an error instead).
 *
 * @module basiq-react/server
 */
export { createTokenHandler } from './createTokenHandler.js';
export type { TokenHandlerOptions } from './createTokenHandler.js';
export { memoryTokenCache } from './tokenCache.js';
export type { CachedToken, MemoryTokenCacheOptions, TokenCache } from './tokenCache.js';
export { createRedisTokenCache } from './createRedisTokenCache.js';
export type { RedisClientLike, RedisTokenCacheOptions } from './createRedisTokenCache.js';
export { createBasiqServerClient } from './createBasiqServerClient.js';
export type { BasiqServerClient, BasiqServerClientOptions } from './createBasiqServerClient.js';
export type { BasiqTokenResponse } from './postToken.js';
export {
  BasiqError,
  BasiqApiError,
  BasiqTokenError,
  BasiqTokenScopeError,
  BasiqNetworkError,
  BasiqResponseError,
  BasiqBackoffError,
} from '../client/errors.js';
