// A table of tokens and cost per row (a model, a day): used by an answer's cost and by the spending panel.
import type { UsageAmounts } from '../api/runs-types';
import { formatTokens, formatUsd } from '../lib/format';

interface CostTableProps {
  caption: string;
  /** The header of the first column ("Model", "Day"). */
  label: string;
  rows: [string, UsageAmounts][];
  captionHidden?: boolean;
  testid?: string;
}

/** Rows of prompt tokens, completion tokens and cost, one per label. */
export function CostTable({ caption, label, rows, captionHidden, testid }: CostTableProps) {
  return (
    <div class="table-wrap">
      <table class="cost-table" data-testid={testid}>
        <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">Prompt tokens</th>
            <th scope="col">Completion tokens</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, u]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{formatTokens(u.prompt_tokens)}</td>
              <td>{formatTokens(u.completion_tokens)}</td>
              <td>{formatUsd(u.cost_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
