import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case, Envelope } from '../../core/contract/index.js';
import type { Transport } from '../../renderer/api/transport.js';
import { useCourtQuery } from '../../renderer/api/useCourtQuery.js';
import { componentTestOptions, renderWithCourt } from './support/renderWithCourt.js';

afterEach(cleanup);

/** A host whose answers the test releases one by one, in any order. */
function slowHost() {
  const pending: { input: unknown; answer: (e: Envelope<unknown>) => void }[] = [];
  const transport: Transport = {
    invoke: (_channel, input) => new Promise((answer) => pending.push({ input, answer })),
    on: () => () => undefined,
    status: () => 'open',
    onStatus: () => () => undefined,
  };
  return { transport, pending };
}

const found = (number: string) => [{ number } as Case];

function CaseTitle({ number }: { number: string | null }) {
  const q = useCourtQuery(number ? (api) => api.cases.list({ query: number }) : null, [number]);
  return <p data-testid="shown">{q.loading ? 'loading' : (q.value?.[0]?.number ?? 'none')}</p>;
}

/** Picks the case the way a page does: by state, inside the same providers. */
function Picker() {
  const [number, setNumber] = useState<string | null>('A');
  return (
    <>
      <button onClick={() => setNumber('B')}>B</button>
      <button onClick={() => setNumber(null)}>none</button>
      <CaseTitle number={number} />
    </>
  );
}

describe('useCourtQuery', componentTestOptions, () => {
  it('never shows one case’s answer under another, even when the first answer comes last', async () => {
    const host = slowHost();
    renderWithCourt(<Picker />, host.transport);
    fireEvent.click(screen.getByText('B'));
    expect(host.pending.map((p) => p.input)).toEqual([{ query: 'A' }, { query: 'B' }]);
    await act(async () => host.pending[1].answer({ ok: true, value: found('B') }));
    expect(screen.getByTestId('shown').textContent).toBe('B');
    await act(async () => host.pending[0].answer({ ok: true, value: found('A') }));
    expect(screen.getByTestId('shown').textContent).toBe('B');
    fireEvent.click(screen.getByText('none'));
    expect(screen.getByTestId('shown').textContent).toBe('none');
  });
});
