import { HttpResponse } from 'msw';
import { basiqError, basiqList } from '../envelope.js';
import type { MockJob } from '../jobEngine.js';
import { RETENTION_MS } from '../mockStore.js';
import { SCENARIO_PLANS } from '../scenarios.js';
import { jsonBody, pathUser, type Route, type RouteContext } from './route.js';

const CONNECTION_FILTER = /^connection\.id\.eq\('([^']*)'\)$/;

const jobOf = ({ store, params }: RouteContext) => store.job(params.jobId!);

const accepted = (job: MockJob, { baseUrl }: RouteContext) =>
  HttpResponse.json(
    { type: 'job', id: job.id, links: { self: `${baseUrl}/jobs/${job.id}` } },
    { status: 202 },
  );

/** Jobs: get one, list a user's (7 days, by connection), answer MFA, refresh a connection. */
export function jobRoutes(): Route[] {
  return [
    {
      method: 'get',
      path: '/jobs/:jobId',
      access: 'token',
      owner: (context) => jobOf(context)?.userId,
      handle(context) {
        const job = jobOf(context);
        if (!job) return basiqError(404, 'Job not found.');
        return HttpResponse.json(context.store.render(job));
      },
    },
    {
      method: 'get',
      path: '/users/:userId/jobs',
      access: 'token',
      owner: pathUser,
      handle(context) {
        const { store, params, url, now, baseUrl } = context;
        if (!store.user(params.userId!)) return basiqError(404, 'User not found.');
        const filter = url.searchParams.get('filter');
        const match = filter === null ? undefined : CONNECTION_FILTER.exec(filter);
        if (filter !== null && !match) {
          return basiqError(400, "filter must be connection.id.eq('<connection id>').", {
            parameter: 'filter',
          });
        }
        const since = now() - RETENTION_MS;
        const jobs = store
          .jobsOf(params.userId!)
          .filter((job) => job.createdAt > since)
          .filter((job) => !match || job.connectionId === match[1])
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(store.render);
        return basiqList(jobs, `${baseUrl}/users/${params.userId}/jobs`);
      },
    },
    {
      method: 'post',
      path: '/jobs/:jobId/mfa',
      access: 'token',
      owner: (context) => jobOf(context)?.userId,
      handle(context) {
        const job = jobOf(context);
        if (!job) return basiqError(404, 'Job not found.');
        const body = jsonBody(context) as Record<string, unknown> | null | undefined;
        const answers = body?.['mfa-response'];
        const answeredAt = context.now();
        const { waitingFor } = context.store.view(job);
        if (!waitingFor) {
          return basiqError(400, 'This job is not waiting for an MFA answer.', {
            parameter: 'jobId',
          });
        }
        if (
          !Array.isArray(answers) ||
          answers.length !== waitingFor.length ||
          !answers.every((a) => typeof a === 'string' && a)
        ) {
          return basiqError(
            400,
            `mfa-response must be an array of ${waitingFor.length} answer(s), one per prompt.`,
            {
              code: answers === undefined ? 'parameter-not-supplied' : 'parameter-not-valid',
              parameter: 'mfa-response',
            },
          );
        }
        const mfa = SCENARIO_PLANS[job.scenario].steps.find((s) => s.mfa)?.mfa;
        const forcedWrong = mfa?.firstAnswerWrong && job.answers.length === 0;
        const correct = !forcedWrong && answers.every((a) => a === context.settings.mfaAnswer);
        context.store.answerMfa(job.id, { at: answeredAt, correct });
        return accepted(job, context);
      },
    },
    {
      method: 'post',
      path: '/users/:userId/connections/:connectionId/refresh',
      access: 'token',
      owner: pathUser,
      handle(context) {
        const { store, params } = context;
        const connection = store.connection(params.connectionId!);
        if (!connection || connection.userId !== params.userId) {
          return basiqError(404, 'Connection not found.');
        }
        return accepted(store.refreshConnection(connection), context);
      },
    },
  ];
}
