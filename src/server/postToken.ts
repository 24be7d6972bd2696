import type { $Fetch } from 'ofetch';
import { BasiqNetworkError, BasiqResponseError } from '../client/errors.js';
import { parseRetryAfter } from '../client/retryPolicy.js';
import { apiError } from '../internal/readEnvelope.js';
import { networkFailure, safeCause } from '../internal/networkFailure.js';
import { isRecord } from '../internal/isRecord.js';

/** Basiq's answer to `POST /token`. */
export interface BasiqTokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
}

export interface PostTokenOptions {
  apiKey: string;
  baseUrl: string;
  /** The server client's ofetch instance. */
  transport: $Fetch;
  timeoutMs: number;
}

const WHERE = { method: 'POST', path: '/token' };

/** `POST /token` with the API key: a SERVER_ACCESS token, or a CLIENT_ACCESS one for `userId`. */
export async function postToken(
  options: PostTokenOptions,
  scope: 'SERVER_ACCESS' | 'CLIENT_ACCESS',
  userId?: string,
): Promise<BasiqTokenResponse> {
  let response;
  try {
    response = await options.transport.raw('/token', {
      baseURL: options.baseUrl,
      method: 'POST',
      headers: {
        accept: 'application/json',
        authorization: `Basic ${options.apiKey}`,
        'basiq-version': '3.0',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ scope, ...(userId !== undefined && { userId }) }),
      timeout: options.timeoutMs,
      retry: false,
      ignoreResponseError: true,
    });
  } catch (error) {
    const reason = networkFailure(error);
    throw new BasiqNetworkError(
      `POST /token: ${reason === 'timeout' ? 'timed out' : 'no response'}; check the connection to Basiq`,
      { reason, ...WHERE },
      { cause: safeCause(error) },
    );
  }
  const { status, statusText, _data: data } = response;
  if (!response.ok) {
    const advice = `: check the API key${userId === undefined ? '' : ' and that the user exists'}`;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw apiError(WHERE, { status, statusText, data, retryAfterMs }, advice);
  }
  const token = isRecord(data) ? data : {};
  if (typeof token.access_token !== 'string' || !token.access_token) {
    throw new BasiqResponseError(
      'POST /token: 200 without an access_token; a proxy may be in the way',
      {
        status,
        ...WHERE,
      },
    );
  }
  return {
    access_token: token.access_token,
    expires_in: Number(token.expires_in) || 3600,
    token_type: typeof token.token_type === 'string' ? token.token_type : 'Bearer',
  };
}
