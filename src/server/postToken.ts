import { BasiqApiError, BasiqNetworkError, BasiqResponseError } from '../client/errors.js';
import { readEnvelope } from '../client/request.js';
import { withTimeout } from '../client/withTimeout.js';

/** Basiq's answer to `POST /token`. */
export interface BasiqTokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
}

export interface PostTokenOptions {
  apiKey: string;
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs: number;
}

const WHERE = { method: 'POST', path: '/token' };

/** `POST /token` with the API key: a SERVER_ACCESS token, or a CLIENT_ACCESS one for `userId`. */
export async function postToken(
  options: PostTokenOptions,
  scope: 'SERVER_ACCESS' | 'CLIENT_ACCESS',
  userId?: string,
): Promise<BasiqTokenResponse> {
  const body = new URLSearchParams({ scope, ...(userId !== undefined && { userId }) });
  let response: Response;
  let text: string;
  try {
    [response, text] = await withTimeout(options.timeoutMs, undefined, async (signal) => {
      const res = await (options.fetch ?? fetch)(`${options.baseUrl}/token`, {
        method: 'POST',
        signal,
        headers: {
          accept: 'application/json',
          authorization: `Basic ${options.apiKey}`,
          'basiq-version': '3.0',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
      return [res, await res.text()] as const;
    });
  } catch (cause) {
    const reason = (cause as Error)?.name === 'TimeoutError' ? 'timeout' : 'network';
    throw new BasiqNetworkError(
      `POST /token: ${reason === 'timeout' ? 'timed out' : 'no response'}; check the connection to Basiq`,
      { reason, ...WHERE },
      { cause },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const { errors, correlationId } = readEnvelope(data);
    const code = errors[0]?.code;
    throw new BasiqApiError(
      `POST /token: ${response.status} ${code || response.statusText || 'error'}${correlationId ? ` (correlationId ${correlationId})` : ''}: check the API key${userId === undefined ? '' : ' and that the user exists'}`,
      { status: response.status, code, errors, correlationId, ...WHERE },
    );
  }
  const token = data as Partial<BasiqTokenResponse> | undefined;
  if (typeof token?.access_token !== 'string' || !token.access_token) {
    throw new BasiqResponseError(
      'POST /token: 200 without an access_token; a proxy may be in the way',
      {
        status: response.status,
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
