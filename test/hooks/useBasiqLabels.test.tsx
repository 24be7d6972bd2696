import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { BasiqProvider, defaultLabels, useBasiqLabels } from '../../src';
import { clientToken } from '../support/jwt';

const getToken = async () => clientToken('u1');

describe('useBasiqLabels', () => {
  it('should give the English defaults without labels', () => {
    let seen: unknown;
    function Read() {
      seen = useBasiqLabels();
      return null;
    }
    render(
      <BasiqProvider getToken={getToken}>
        <Read />
      </BasiqProvider>,
    );
    expect(seen).toEqual(defaultLabels);
  });

  it('should lay the provider labels over the defaults, key by key at every depth', () => {
    function Show() {
      const labels = useBasiqLabels();
      return (
        <p>
          {labels.connectButton.action.connect} / {labels.phase.success} / {labels.phase.failed} /{' '}
          {labels.steps['retrieve-accounts']}
        </p>
      );
    }
    render(
      <BasiqProvider
        getToken={getToken}
        labels={{
          connectButton: { action: { connect: 'Verbinden' } },
          phase: { success: 'Fertig' },
        }}
      >
        <Show />
      </BasiqProvider>,
    );
    expect(screen.getByText(/Verbinden/).textContent).toBe(
      'Verbinden / Fertig / Connection failed / Getting your accounts',
    );
  });

  it('should keep the same labels object when the provider re-renders with equal inline labels', () => {
    const seen = new Set<unknown>();
    function Read() {
      seen.add(useBasiqLabels());
      return null;
    }
    let rerender = () => {};
    function App() {
      const [count, setCount] = useState(0);
      rerender = () => setCount((c) => c + 1);
      return (
        <BasiqProvider getToken={getToken} labels={{ connectButton: { opening: 'Opening' } }}>
          <Read />
          <span>{count}</span>
        </BasiqProvider>
      );
    }
    const { rerender: again } = render(<App />);
    again(<App />);
    act(() => rerender());
    expect(seen.size).toBe(1);
  });
});
