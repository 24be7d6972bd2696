/**
 * `basiq-react/testing`: a stateful mock Basiq for tests, Storybook and local development.
 *
 * @module basiq-react/testing
 */
export { createBasiqMock } from './createBasiqMock.js';
export { startMockBasiqServer } from './startMockBasiqServer.js';
export type { MockBasiqServer, MockBasiqServerOptions } from './startMockBasiqServer.js';
export { SCENARIOS } from './scenarios.js';
export type { MockScenario, MockStepTitle, TimedStep } from './scenarios.js';
export { MOCK_DEFAULTS, INSTITUTIONS, EVENT_TYPES, CONSENT_TEMPLATE } from './fixtures.js';
export type {
  BasiqMock,
  BasiqMockControl,
  BasiqMockOptions,
  CreateJobOptions,
  FaultTarget,
  MalformKind,
  MockRequest,
  StepDurations,
} from './types.js';
