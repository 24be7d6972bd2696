// The mock's state: plain records, read through these functions and changed only through
// them, so that every change Basiq would announce also becomes an event. Nothing outside
// this file holds its Maps.
import { CONSENT_TEMPLATE, INSTITUTIONS } from './fixtures.js';
import {
  durationsOf,
  iso,
  renderJob,
  viewJob,
  type JobContext,
  type MockJob,
} from './jobEngine.js';
import type { CreateJobOptions } from './types.js';

const DAY = 86_400_000;
/** Basiq keeps jobs and events for 7 days. */
export const RETENTION_MS = 7 * DAY;
/** Auth links last 7 days. */
const AUTH_LINK_TTL_MS = 7 * DAY;
const CONSENT_TTL_MS = 365 * DAY;

export interface MockUser {
  id: string;
  email: string;
  mobile: string;
  firstName: string;
  middleName: string;
  lastName: string;
}

export interface MockConsent {
  id: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  revokedAt?: number;
}

export interface MockConnection {
  id: string;
  userId: string;
  consentId: string;
  institutionId: string;
  scenario: MockJob['scenario'];
  stepMs: CreateJobOptions['stepMs'];
}

export interface MockAuthLink {
  id: string;
  userId: string;
  mobile: string;
  expiresAt: number;
  /** Set by DELETE and by a newer link. */
  gone?: boolean;
}

export interface MockEvent {
  id: string;
  createdAt: number;
  entity: 'consent' | 'connection';
  eventType: 'created' | 'revoked' | 'deleted';
  userId: string;
  dataRef: string;
  data: Record<string, unknown>;
}

export type MockStore = ReturnType<typeof createMockStore>;

export function createMockStore(context: JobContext & { now: () => number }) {
  const { baseUrl, now } = context;
  const users = new Map<string, MockUser>();
  const consents = new Map<string, MockConsent>();
  const connections = new Map<string, MockConnection>();
  const jobs = new Map<string, MockJob>();
  const authLinks = new Map<string, MockAuthLink>();
  const events: MockEvent[] = [];
  /** When `POST /token` minted, for Basiq's rate limit. */
  const tokenTimes: number[] = [];

  const emit = (
    userId: string,
    entity: MockEvent['entity'],
    eventType: MockEvent['eventType'],
    ref: string,
    data: Record<string, unknown>,
  ) =>
    events.push({
      id: crypto.randomUUID().replace(/-/g, ''),
      createdAt: now(),
      entity,
      eventType,
      userId,
      dataRef: `${baseUrl}${ref}`,
      data,
    });

  function createUser(init: Partial<MockUser> = {}): MockUser {
    const user: MockUser = {
      id: init.id ?? crypto.randomUUID(),
      email: init.email ?? '',
      mobile: init.mobile ?? '',
      firstName: init.firstName ?? '',
      middleName: init.middleName ?? '',
      lastName: init.lastName ?? '',
    };
    users.set(user.id, user);
    return user;
  }

  function activeConsent(userId: string): MockConsent {
    const found = [...consents.values()].find(
      (c) => c.userId === userId && !c.revokedAt && c.expiresAt > now(),
    );
    if (found) return found;
    const createdAt = now();
    const consent: MockConsent = {
      id: crypto.randomUUID(),
      userId,
      createdAt,
      updatedAt: createdAt,
      expiresAt: createdAt + CONSENT_TTL_MS,
    };
    consents.set(consent.id, consent);
    emit(userId, 'consent', 'created', `/users/${userId}/consents/${consent.id}`, {
      id: consent.id,
      type: 'consent',
    });
    return consent;
  }

  /** What the job looks like now. */
  const view = (job: MockJob) => viewJob(job, now(), context);
  /** The job as `GET /jobs/{id}` sends it now. */
  const render = (job: MockJob) => renderJob(job, now(), context);
  const isRunning = (job: MockJob) => ['pending', 'in-progress'].includes(view(job).status);

  /** Starts a job, creating the user, a consent and a connection as needed. */
  function startJob(options: CreateJobOptions): MockJob {
    const { userId } = options;
    let connection = options.connectionId ? connections.get(options.connectionId) : undefined;
    if (options.connectionId && connection?.userId !== userId) {
      throw new TypeError(`createJob: user ${userId} has no connection ${options.connectionId}`);
    }
    if (!users.has(userId)) createUser({ id: userId });
    const scenario = options.scenario ?? connection?.scenario ?? 'success';
    if (!connection) {
      const institutionId = options.institutionId ?? INSTITUTIONS[0]!.id;
      connection = {
        id: crypto.randomUUID(),
        userId,
        consentId: activeConsent(userId).id,
        institutionId,
        scenario,
        stepMs: options.stepMs,
      };
      connections.set(connection.id, connection);
      emit(userId, 'connection', 'created', `/users/${userId}/connections/${connection.id}`, {
        id: connection.id,
        type: 'connection',
        institution: { id: institutionId, type: 'institution' },
      });
    }
    const job: MockJob = {
      id: crypto.randomUUID(),
      userId,
      scenario,
      createdAt: now(),
      durations: durationsOf(options.stepMs ?? connection.stepMs),
      institutionId: connection.institutionId,
      connectionId: connection.id,
      answers: [],
    };
    jobs.set(job.id, job);
    return job;
  }

  /** Refreshing a connection while its job runs returns the running job. */
  function refreshConnection(connection: MockConnection): MockJob {
    const running = [...jobs.values()].find(
      (job) => job.connectionId === connection.id && isRunning(job),
    );
    return running ?? startJob({ userId: connection.userId, connectionId: connection.id });
  }

  /** Revoking a consent also removes its connections (and so the jobs' sources). */
  function revokeConsent(consent: MockConsent): void {
    consent.revokedAt = consent.updatedAt = now();
    emit(consent.userId, 'consent', 'revoked', `/users/${consent.userId}/consents/${consent.id}`, {
      id: consent.id,
      type: 'consent',
      status: 'revoked',
    });
    for (const connection of connections.values()) {
      if (connection.consentId !== consent.id) continue;
      connections.delete(connection.id);
      for (const job of jobs.values()) {
        if (job.connectionId === connection.id) job.detached = true;
      }
      emit(
        consent.userId,
        'connection',
        'deleted',
        `/users/${consent.userId}/connections/${connection.id}`,
        { id: connection.id, type: 'connection' },
      );
    }
  }

  /** Changes the fields given; the id stays. */
  function updateUser(userId: string, fields: Partial<Omit<MockUser, 'id'>>): MockUser | undefined {
    const user = users.get(userId);
    if (user) Object.assign(user, fields, { id: userId });
    return user;
  }

  function deleteUser(userId: string): void {
    users.delete(userId);
    for (const map of [consents, connections, jobs] as Map<string, { userId: string }>[]) {
      for (const [id, item] of map) if (item.userId === userId) map.delete(id);
    }
    authLinks.delete(userId);
  }

  /** A new link replaces the previous one. */
  function createAuthLink(userId: string, mobile: string): MockAuthLink {
    const link = {
      id: crypto.randomUUID().slice(0, 8),
      userId,
      mobile,
      expiresAt: now() + AUTH_LINK_TTL_MS,
    };
    authLinks.set(userId, link);
    return link;
  }

  /** `DELETE /users/{id}/auth_link`: the link reads as gone (410) from now on. */
  function deleteAuthLink(userId: string): void {
    const link = authLinks.get(userId);
    if (link) link.gone = true;
  }

  /** Notes an answer to a job's MFA challenge (the job engine reads them to move on). */
  function answerMfa(jobId: string, answer: MockJob['answers'][number]): void {
    jobs.get(jobId)?.answers.push(answer);
  }

  /**
   * Basiq's limit on `POST /token`: seconds to wait when `limit` tokens were minted in the
   * last `windowMs` at `t`, else undefined (and then call {@link recordToken}).
   */
  function tokenRetryAfter(t: number, windowMs: number, limit: number): number | undefined {
    while (tokenTimes.length && tokenTimes[0]! <= t - windowMs) tokenTimes.shift();
    return tokenTimes.length >= limit
      ? Math.ceil((tokenTimes[0]! + windowMs - t) / 1000)
      : undefined;
  }

  const liveAuthLink = (userId: string) => {
    const link = authLinks.get(userId);
    return link && !link.gone && link.expiresAt > now() ? link : undefined;
  };

  function consentStatus(consent: MockConsent) {
    if (consent.revokedAt) return 'revoked';
    return consent.expiresAt > now() ? 'active' : 'expired';
  }

  function renderConsent(consent: MockConsent) {
    const self = `${baseUrl}/users/${consent.userId}/consents/${consent.id}`;
    const policy = `${baseUrl}/policies/94c17e2f-c452-442d-b097-37064447fddd`;
    return {
      type: 'consent',
      id: consent.id,
      created: iso(consent.createdAt),
      updated: iso(consent.updatedAt),
      expiryDate: iso(consent.expiresAt),
      origin: 'user',
      status: consentStatus(consent),
      ...structuredClone(CONSENT_TEMPLATE),
      ...(consent.revokedAt && { revoked: iso(consent.revokedAt) }),
      links: { self, consentPolicy: policy, latestConsentPolicy: policy },
    };
  }

  function reset() {
    for (const map of [users, consents, connections, jobs, authLinks]) map.clear();
    events.length = 0;
    tokenTimes.length = 0;
  }

  const ofUser = <T extends { userId: string }>(items: Map<string, T>, userId: string) =>
    [...items.values()].filter((item) => item.userId === userId);

  return {
    user: (userId: string): Readonly<MockUser> | undefined => users.get(userId),
    consent: (consentId: string): Readonly<MockConsent> | undefined => consents.get(consentId),
    consentsOf: (userId: string): readonly Readonly<MockConsent>[] => ofUser(consents, userId),
    connection: (connectionId: string): Readonly<MockConnection> | undefined =>
      connections.get(connectionId),
    connectionsOf: (userId: string): readonly Readonly<MockConnection>[] =>
      ofUser(connections, userId),
    job: (jobId: string): Readonly<MockJob> | undefined => jobs.get(jobId),
    jobsOf: (userId: string): readonly Readonly<MockJob>[] => ofUser(jobs, userId),
    authLink: (userId: string): Readonly<MockAuthLink> | undefined => authLinks.get(userId),
    events: (): readonly Readonly<MockEvent>[] => events,
    view,
    render,
    liveAuthLink,
    renderConsent,
    createUser,
    updateUser,
    activeConsent,
    startJob,
    refreshConnection,
    revokeConsent,
    deleteUser,
    createAuthLink,
    deleteAuthLink,
    answerMfa,
    tokenRetryAfter,
    recordToken: (t: number) => void tokenTimes.push(t),
    reset,
  };
}
