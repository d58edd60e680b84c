// Stage 2: each model's evaluation with the anonymous labels resolved, plus the aggregate ranking table.
import type { RunMetadata, Stage2Result } from '../../api/types';
import { deanonymize, rankedModels, shortModelName, sortedAggregate } from '../../lib/rankings';
import { Markdown } from '../Markdown';
import { Tabs } from './Tabs';

/** The aggregate ranking ("street cred") table, best first. */
export function AggregateTable({ metadata }: { metadata: RunMetadata | null | undefined }) {
  const rows = sortedAggregate(metadata?.aggregate_rankings);
  if (rows.length === 0) return <p class="muted">No rankings could be parsed.</p>;
  return (
    <div class="table-wrap">
      <table class="rank-table" data-testid="aggregate-rankings">
        <caption>Aggregate ranking across all evaluations (lower is better)</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Model</th>
            <th scope="col">Average rank</th>
            <th scope="col">Rankings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.model}>
              <td>{i + 1}</td>
              <th scope="row">{r.model}</th>
              <td>{r.average_rank.toFixed(2)}</td>
              <td>{r.rankings_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The stage-2 evaluations as tabs and the aggregate table. */
export function Stage2({
  results,
  metadata,
  idPrefix,
}: {
  results: Stage2Result[];
  metadata: RunMetadata | null | undefined;
  idPrefix: string;
}) {
  const labels = metadata?.label_to_model;
  return (
    <section class="stage" aria-labelledby={`${idPrefix}-s2`} data-testid="stage2">
      <h3 id={`${idPrefix}-s2`} class="stage-title">
        Stage 2 · Peer rankings
      </h3>
      <p class="muted small">
        Each model ranked the anonymised answers (Response A, B, …). Model names below are shown for readability only;
        the evaluators did not see them.
      </p>
      {results.length > 0 && (
        <Tabs
          idPrefix={`${idPrefix}-s2t`}
          label="Evaluations by model"
          items={results.map((r) => ({
            key: r.model,
            label: shortModelName(r.model),
            title: r.model,
            render: () => {
              const ranked = rankedModels(r, labels);
              return (
                <>
                  <p class="model-name">Evaluation by {r.model}</p>
                  <Markdown text={deanonymize(r.ranking, labels)} />
                  {ranked.length > 0 && (
                    <div class="parsed-ranking">
                      <h4>Extracted ranking</h4>
                      <ol>
                        {ranked.map((m) => (
                          <li key={m}>{m}</li>
                        ))}
                      </ol>
                    </div>
                  )}
                </>
              );
            },
          }))}
        />
      )}
      <AggregateTable metadata={metadata} />
    </section>
  );
}
