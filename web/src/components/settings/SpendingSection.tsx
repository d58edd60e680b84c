// Spending and budget: the month's cost per model and per day (GET /api/usage), and the monthly cap
// (GET/PUT /api/settings/budget) past which the council refuses new runs.
import { useEffect, useState } from 'preact/hooks';
import { getBudget, setBudget, usageReport } from '../../api/endpoints';
import type { Budget, UsageAmounts, UsageReport } from '../../api/runs-types';
import { formatTokens, formatUsd } from '../../lib/format';
import { ErrorAlert, SuccessNote } from '../Alert';
import { CostTable } from '../CostTable';
import { Busy } from '../Spinner';

function UsageTables({ report }: { report: UsageReport }) {
  const models = Object.entries(report.by_model);
  if (models.length === 0) return <p class="muted">No council runs this month yet.</p>;
  return (
    <>
      <CostTable caption="By model" label="Model" rows={models} testid="usage-by-model" />
      <CostTable caption="By day" label="Day" rows={report.by_day.map((d): [string, UsageAmounts] => [d.date, d])} testid="usage-by-day" />
    </>
  );
}

/** Parses the budget field: a number of dollars >= 0, or the sentence saying what is wrong. */
function parseBudget(text: string): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) return 'Monthly budget: enter an amount in US dollars, 0 or more.';
  return n;
}

/** Settings section with the month's spending and the budget form. */
export function SpendingSection() {
  const [report, setReport] = useState<UsageReport | null>(null);
  const [budget, setBudgetState] = useState<Budget | null>(null);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const [r, b] = await Promise.all([usageReport(), getBudget()]);
      setReport(r);
      setBudgetState(b);
      setAmount(b.monthly_usd === null ? '' : String(b.monthly_usd));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const save = async (value: number | null) => {
    setBusy(true);
    setError('');
    setNote('');
    try {
      const b = await setBudget(value);
      setBudgetState(b);
      setAmount(b.monthly_usd === null ? '' : String(b.monthly_usd));
      setNote(b.monthly_usd === null ? 'Budget removed.' : `Budget set to ${formatUsd(b.monthly_usd)} a month.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const value = parseBudget(amount);
    if (typeof value === 'string') return setError(value);
    void save(value);
  };

  return (
    <section class="card" aria-labelledby="spending-title" data-testid="spending">
      <h2 id="spending-title">Spending and budget</h2>
      {!report && !error && <Busy text="Loading spending…" />}
      {report && budget && (
        <>
          <p data-testid="month-spending">
            Spent in {report.month}: <strong>{formatUsd(report.total.cost_usd)}</strong>
            {budget.monthly_usd !== null ? ` of your ${formatUsd(budget.monthly_usd)} monthly budget` : ' (no monthly budget)'} ·{' '}
            {formatTokens(report.total.prompt_tokens)} prompt + {formatTokens(report.total.completion_tokens)} completion tokens
          </p>
          <UsageTables report={report} />
        </>
      )}
      <form class="form budget-form" aria-label="Monthly budget" onSubmit={submit} noValidate>
        <div class="field">
          <label for="budget-amount">Monthly budget (US dollars)</label>
          <input
            id="budget-amount"
            type="number"
            min={0}
            step={0.01}
            inputMode="decimal"
            placeholder="no budget"
            value={amount}
            disabled={busy}
            aria-describedby="budget-hint"
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
          <small id="budget-hint" class="hint">
            Once the month’s spending reaches it, the council refuses new runs until you raise it or the month ends.
          </small>
        </div>
        <div class="button-row">
          <button type="submit" class="button button-primary" disabled={busy}>
            Save budget
          </button>
          {budget?.monthly_usd !== null && budget?.monthly_usd !== undefined && (
            <button type="button" class="button" disabled={busy} onClick={() => void save(null)}>
              Remove budget
            </button>
          )}
        </div>
      </form>
      {error && <ErrorAlert message={error} />}
      {note && <SuccessNote message={note} />}
    </section>
  );
}
