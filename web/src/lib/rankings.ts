// Stage-2 presentation logic: anonymous labels ("Response A") resolved to model names, rankings ordered.
import type { AggregateRank, Stage2Result } from '../api/types';

const LABEL_RE = /\bResponse ([A-Z])\b/g;

/** The model behind `label`, or the label itself when the map does not know it. */
export function resolveLabel(label: string, labelToModel: Record<string, string> | undefined): string {
  const key = label.trim();
  return labelToModel?.[key] ?? key;
}

/** Replaces every known "Response X" in `text` by `**model**` (markdown bold); unknown labels stay. */
export function deanonymize(text: string, labelToModel: Record<string, string> | undefined): string {
  if (!labelToModel) return text;
  return text.replace(LABEL_RE, (whole) => {
    const model = labelToModel[whole];
    return model ? `**${model}**` : whole;
  });
}

/** One evaluator's parsed ranking as model names, best first. */
export function rankedModels(result: Stage2Result, labelToModel: Record<string, string> | undefined): string[] {
  return (result.parsed_ranking ?? []).map((label) => resolveLabel(label, labelToModel));
}

/** Aggregate rankings best first (ascending average rank, then more votes, then name), never mutating input. */
export function sortedAggregate(rankings: AggregateRank[] | undefined): AggregateRank[] {
  return [...(rankings ?? [])].sort(
    (a, b) => a.average_rank - b.average_rank || b.rankings_count - a.rankings_count || a.model.localeCompare(b.model),
  );
}

/** "openai/gpt-5.1" -> "gpt-5.1": the part after the provider, for compact tab labels. */
export function shortModelName(model: string): string {
  const slash = model.lastIndexOf('/');
  return slash >= 0 ? model.slice(slash + 1) : model;
}
