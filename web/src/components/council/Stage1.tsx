// Stage 1: each model's individual answer, one tab per model (growing token by token while it streams).
import type { Stage1Result } from '../../api/types';
import { shortModelName } from '../../lib/rankings';
import { Markdown } from '../Markdown';
import { Tabs } from './Tabs';

/** The stage-1 answers as tabs; `streaming` marks answers still being written. */
export function Stage1({ results, idPrefix, streaming = false }: { results: Stage1Result[]; idPrefix: string; streaming?: boolean }) {
  return (
    <section class="stage" aria-labelledby={`${idPrefix}-s1`} data-testid="stage1" data-streaming={streaming ? 'true' : undefined}>
      <h3 id={`${idPrefix}-s1`} class="stage-title">
        Stage 1 · Individual answers{streaming && <span class="muted small"> (being written…)</span>}
      </h3>
      {results.length === 0 ? (
        <p class="muted">No model answered.</p>
      ) : (
        <Tabs
          idPrefix={`${idPrefix}-s1t`}
          label="Answers by model"
          items={results.map((r) => ({
            key: r.model,
            label: shortModelName(r.model),
            title: r.model,
            render: () => (
              <>
                <p class="model-name">{r.model}</p>
                <Markdown text={r.response} />
              </>
            ),
          }))}
        />
      )}
    </section>
  );
}
