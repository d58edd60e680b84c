// Stage 3: the lead model's synthesis, the council's final answer (growing token by token while it streams).
import type { Stage3Result } from '../../api/types';
import { Markdown } from '../Markdown';

/** The final answer; `streaming` marks it as still being written. */
export function Stage3({ result, idPrefix, streaming = false }: { result: Stage3Result; idPrefix: string; streaming?: boolean }) {
  return (
    <section class="stage stage-final" aria-labelledby={`${idPrefix}-s3`} data-testid="stage3" data-streaming={streaming ? 'true' : undefined}>
      <h3 id={`${idPrefix}-s3`} class="stage-title">
        Stage 3 · Final answer{streaming && <span class="muted small"> (being written…)</span>}
      </h3>
      <p class="model-name">
        {streaming ? 'Being written by' : 'Synthesised by'} {result.model}
      </p>
      <Markdown text={result.response} />
    </section>
  );
}
