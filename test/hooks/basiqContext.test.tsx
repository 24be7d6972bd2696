import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useConsents, useJob, useSubmitMfa } from '../../src';

describe('useBasiqContext', () => {
  it.each<[string, () => unknown]>([
    ['useJob', () => useJob('job-1')],
    ['useConsents', () => useConsents('user-1')],
    ['useSubmitMfa', () => useSubmitMfa('job-1')],
  ])('should say %s must be used within <BasiqProvider> outside one', (hook, render) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(render)).toThrow(
      new Error(`${hook} must be used within <BasiqProvider>`),
    );
  });
});
