import { HttpResponse } from 'msw';

const CODES: Record<number, [code: string, title: string]> = {
  400: ['parameter-not-valid', 'Parameter not valid.'],
  401: ['unauthorized-access', 'Unauthorized Access'],
  403: ['forbidden-access', 'Forbidden Access'],
  404: ['resource-not-found', 'Resource not found.'],
  // Not in Basiq's list of codes (docs/basiq-api.md); named after the status.
  405: ['method-not-allowed', 'Method not allowed.'],
  410: ['resource-no-longer-available', 'Resource no longer available.'],
  413: ['payload-too-large', 'Payload too large.'],
  429: ['too-many-requests', 'Too many requests.'],
  500: ['internal-server-error', 'Internal Server error.'],
  502: ['internal-server-error', 'Bad gateway.'],
  503: ['service-unavailable', 'Service Unavailable'],
  504: ['internal-server-error', 'Gateway timeout.'],
};

const correlationId = () => crypto.randomUUID().replace(/-/g, '').slice(0, 12);

/** What {@link basiqError} may add to the error: its code, title, source and headers. */
export interface BasiqErrorOptions {
  code?: string;
  title?: string;
  /** The query parameter or header at fault: `source.parameter`. */
  parameter?: string;
  /** The part of the JSON body at fault, as a JSON pointer (`/mobile`, `/` for all of it). */
  pointer?: string;
  headers?: HeadersInit;
}

/**
 * A Basiq error envelope (`{ type: 'list', correlationId, data: [error] }`); the error's
 * `source` names `pointer` when given, else `parameter`.
 */
export function basiqError(
  status: number,
  detail: string,
  options: BasiqErrorOptions = {},
): Response {
  const [code, title] = CODES[status] ?? CODES[500]!;
  const source =
    options.pointer !== undefined
      ? { pointer: options.pointer }
      : // The spec requires a source on 403s; Basiq names the header it refused.
        (options.parameter || status === 403) && {
          parameter: options.parameter ?? 'authorization',
        };
  return HttpResponse.json(
    {
      type: 'list',
      correlationId: correlationId(),
      data: [
        {
          type: 'error',
          code: options.code ?? code,
          title: options.title ?? title,
          detail,
          ...(source && { source }),
        },
      ],
    },
    { status, headers: options.headers },
  );
}

/** A Basiq list (`{ type: 'list', size, data, links: { self } }`). */
export function basiqList(data: unknown[], self: string, extra: object = {}): Response {
  return HttpResponse.json({ type: 'list', ...extra, size: data.length, data, links: { self } });
}
