import { HttpResponse } from 'msw';

const CODES: Record<number, [code: string, title: string]> = {
  400: ['parameter-not-valid', 'Parameter not valid.'],
  401: ['unauthorized-access', 'Unauthorized Access'],
  403: ['forbidden-access', 'Forbidden Access'],
  404: ['resource-not-found', 'Resource not found.'],
  410: ['resource-no-longer-available', 'Resource no longer available.'],
  429: ['too-many-requests', 'Too many requests.'],
  500: ['internal-server-error', 'Internal Server error.'],
  502: ['internal-server-error', 'Bad gateway.'],
  503: ['service-unavailable', 'Service Unavailable'],
  504: ['internal-server-error', 'Gateway timeout.'],
};

const correlationId = () => crypto.randomUUID().replace(/-/g, '').slice(0, 12);

/** A Basiq error envelope (`{ type: 'list', correlationId, data: [error] }`). */
export function basiqError(
  status: number,
  detail: string,
  options: { code?: string; title?: string; parameter?: string; headers?: HeadersInit } = {},
): Response {
  const [code, title] = CODES[status] ?? CODES[500]!;
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
          // The spec requires a source on 403s; Basiq names the header it refused.
          ...((options.parameter || status === 403) && {
            source: { parameter: options.parameter ?? 'authorization' },
          }),
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
