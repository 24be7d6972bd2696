// Testing Library registers its own cleanup only with Vitest globals on; we keep them off.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
