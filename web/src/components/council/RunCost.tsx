// What one council answer cost: the total, and per model its tokens and cost.
import type { RunUsage } from '../../api/runs-types';
import { formatTokens, formatUsd } from '../../lib/format';
import { CostTable } from '../CostTable';

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
      {models.length > 0 && <CostTable caption="Cost by model" captionHidden label="Model" rows={models} />}
    </details>
  );
}
