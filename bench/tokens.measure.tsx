// Token endpoint requests when 50 components, each watching its own job, mount at once under
// one BasiqProvider that fetches its tokens from `tokenUrl`.
import { render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { it } from 'vitest';
import { useJob } from '../src';
import { createTestbed, USER } from '../test/support/basiqTestbed';
import { setupMswServer } from '../test/support/server';
import { record } from './support/record';

const TOKEN_URL = 'https://app.test/api/basiq/token';
const HOOKS = 50;

const server = setupMswServer();

function Watch({ jobId }: { jobId: string }) {
  return <li>{useJob(jobId).phase ?? 'loading'}</li>;
}

it('measures token requests with 50 hooks', async () => {
  const bed = createTestbed(server, { provider: { tokenUrl: TOKEN_URL, getToken: undefined } });
  let tokenRequests = 0;
  server.use(
    http.post(TOKEN_URL, () => {
      tokenRequests += 1;
      return HttpResponse.json({ access_token: bed.control.clientToken(USER), expires_in: 3600 });
    }),
  );
  const jobIds = Array.from({ length: HOOKS }, () => bed.control.createJob({ userId: USER }).jobId);
  render(
    <ul>
      {jobIds.map((id) => (
        <Watch key={id} jobId={id} />
      ))}
    </ul>,
    { wrapper: bed.wrapper },
  );
  // Every hook has its job, so every one of them needed a token.
  await waitFor(() => {
    if (screen.queryAllByText('in-progress').length < HOOKS) throw new Error('still loading');
  });
  record('tokens', { tokenRequestsWith50Hooks: tokenRequests });
});
