// What one council answer cost: the total, and per model its tokens and cost.
import type { RunUsage } from '../../api/runs-types';
import { formatTokens, formatUsd } from '../../lib/format';

/** The cost line of an answer (nothing for answers without usage, such as older ones). */
export function RunCost({ usage }: { usage: RunUsage | null | undefined }) {
  if (!usage) return null;
  const models = Object.entries(usage.by_model ?? {});
  return (
    <details class="run-cost" data-testid="run-cost">
      <summary>
        Cost {formatUsd(usage.cost_usd)} · {formatTokens(usage.prompt_tokens)} prompt + {formatTokens(usage.completion_tokens)} completion
        tokens
      </summary>
      {models.length > 0 && (
        <div class="table-wrap">
          <table class="cost-table">
            <caption class="visually-hidden">Cost by model</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Prompt tokens</th>
                <th scope="col">Completion tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {models.map(([model, u]) => (
                <tr key={model}>
                  <th scope="row">{model}</th>
                  <td>{formatTokens(u.prompt_tokens)}</td>
                  <td>{formatTokens(u.completion_tokens)}</td>
                  <td>{formatUsd(u.cost_usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
