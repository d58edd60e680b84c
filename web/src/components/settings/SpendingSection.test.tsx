// Component tests of the spending and budget panel: the month's totals per model and per day, saving, refusing
// and removing the budget.
// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Budget, UsageReport } from '../../api/runs-types';
import { fakeApi, sentTo, signIn, type SentRequest } from '../../test-support/fakeApi';
import { SpendingSection } from './SpendingSection';

const report: UsageReport = {
  month: '2026-12',
  total: { prompt_tokens: 3000, completion_tokens: 1500, cost_usd: 1.2345 },
  by_model: {
    'a/x': { prompt_tokens: 2000, completion_tokens: 1000, cost_usd: 1 },
    'b/y': { prompt_tokens: 1000, completion_tokens: 500, cost_usd: 0.2345 },
  },
  by_day: [
    { date: '2026-12-01', prompt_tokens: 1000, completion_tokens: 500, cost_usd: 0.2345 },
    { date: '2026-12-02', prompt_tokens: 2000, completion_tokens: 1000, cost_usd: 1 },
  ],
  budget_usd: null,
};
const noBudget: Budget = { monthly_usd: null, month: '2026-12', spent_usd: 1.2345 };
const PUT = 'PUT /api/settings/budget';

let sent: SentRequest[];

async function mount(put: (body: unknown) => [number, unknown]) {
  sent = fakeApi({ 'GET /api/usage': () => [200, report], 'GET /api/settings/budget': () => [200, noBudget], [PUT]: put });
  render(<SpendingSection />);
  await screen.findByTestId('month-spending');
}

function saveBudget(amount: string) {
  fireEvent.input(screen.getByLabelText('Monthly budget (US dollars)'), { target: { value: amount } });
  fireEvent.submit(screen.getByRole('form', { name: 'Monthly budget' }));
}

beforeEach(() => signIn());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SpendingSection', () => {
  it('shows the month’s spending per model and per day', async () => {
    await mount(() => [200, noBudget]);
    expect(screen.getByTestId('month-spending').textContent).toBe(
      'Spent in 2026-12: $1.2345 (no monthly budget) · 3,000 prompt + 1,500 completion tokens',
    );
    const rows = (id: string) => within(screen.getByTestId(id)).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows('usage-by-model')).toEqual(['a/x2,0001,000$1.00', 'b/y1,000500$0.2345']);
    expect(rows('usage-by-day')).toEqual(['2026-12-011,000500$0.2345', '2026-12-022,0001,000$1.00']);
    expect(screen.queryByRole('button', { name: 'Remove budget' })).toBeNull();
  });

  it('saves a budget, then removes it', async () => {
    await mount((body) => [200, { ...noBudget, monthly_usd: (body as Budget).monthly_usd }]);
    saveBudget('2.5');
    expect(await screen.findByText('Budget set to $2.50 a month.')).toBeTruthy();
    expect(screen.getByTestId('month-spending').textContent).toContain('of your $2.50 monthly budget');
    screen.getByRole('button', { name: 'Remove budget' }).click();
    expect(await screen.findByText('Budget removed.')).toBeTruthy();
    expect(sentTo(sent, 'PUT', '/api/settings/budget').map((r) => r.body)).toEqual([{ monthly_usd: 2.5 }, { monthly_usd: null }]);
  });

  it('checks the amount before sending and shows the server’s refusal', async () => {
    await mount(() => [422, { detail: 'monthly_usd: must be a number of at least 0, or null' }]);
    saveBudget('-1');
    expect(screen.getByRole('alert').textContent).toBe('Monthly budget: enter an amount in US dollars, 0 or more.');
    expect(sentTo(sent, 'PUT', '/api/settings/budget')).toEqual([]);
    saveBudget('3');
    expect((await screen.findByRole('alert')).textContent).toBe('monthly_usd: must be a number of at least 0, or null');
  });
});
