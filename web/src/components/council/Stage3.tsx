// Stage 3: the lead model's synthesis, the council's final answer.
import type { Stage3Result } from '../../api/types';
import { Markdown } from '../Markdown';

/** The final answer. */
export function Stage3({ result, idPrefix }: { result: Stage3Result; idPrefix: string }) {
  return (
    <section class="stage stage-final" aria-labelledby={`${idPrefix}-s3`} data-testid="stage3">
      <h3 id={`${idPrefix}-s3`} class="stage-title">
        Stage 3 · Final answer
      </h3>
      <p class="model-name">Synthesised by {result.model}</p>
      <Markdown text={result.response} />
    </section>
  );
}
