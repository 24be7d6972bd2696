// Checks `basiq-react/testing` as a user gets it: imported by package name from the
// built files, it starts the mock over HTTP, mints a token and runs a job to success.
import { createBasiqMock, startMockBasiqServer } from 'basiq-react/testing';

const server = await startMockBasiqServer({ clock: 'manual' });
try {
  if (!Array.isArray(createBasiqMock().handlers))
    throw new Error('createBasiqMock gave no handlers');
  const { jobId } = server.control.createJob({ userId: 'user-1', stepMs: 10 });
  const response = await fetch(`${server.url}/token`, {
    method: 'POST',
    headers: {
      authorization: 'Basic test-api-key',
      'basiq-version': '3.0',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'scope=CLIENT_ACCESS&userId=user-1',
  });
  const { access_token: token } = await response.json();
  server.control.advance(100);
  const job = await fetch(`${server.url}/jobs/${jobId}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json());
  if (!job.steps.every((step) => step.status === 'success')) {
    throw new Error(`the job did not finish: ${JSON.stringify(job.steps)}`);
  }
  console.log(
    `basiq-react/testing: built entry works (${server.url}, job ${job.steps.length} steps)`,
  );
} finally {
  await server.close();
}
