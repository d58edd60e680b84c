// Wire types of issue 11 (runs, live tokens, cost, budget, conversation settings), written by hand from the
// shapes agreed for it until proto/council.openapi.yaml documents them; then types.ts takes them from
// src/api/generated/council.ts and this file goes.

/** Tokens and cost of one model's calls, or of all of them. */
export interface UsageAmounts {
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}

/** What a run cost: sums over every upstream call (stages 1-3 and the title), and the same per model. */
export interface RunUsage extends UsageAmounts {
  by_model: Record<string, UsageAmounts>;
}

/** Where a run stands on the stored record. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** Fields an assistant message gains: its run, status, failure sentence and cost (null for legacy messages). */
export interface RunRecordFields {
  run_id: string | null;
  status: RunStatus;
  /** Present only when the run failed. */
  error?: string;
  usage: RunUsage | null;
}

/** A slice of one model's stage-1 answer (only with "stream_tokens": true). */
export interface Stage1DeltaEvent {
  type: 'stage1_delta';
  model: string;
  delta: string;
}

/** A slice of the lead model's stage-3 answer (only with "stream_tokens": true). */
export interface Stage3DeltaEvent {
  type: 'stage3_delta';
  model: string;
  delta: string;
}

/** The run was cancelled (terminal). */
export interface CancelledEvent {
  type: 'cancelled';
}

/** The `usage` member the `complete` event gains. */
export interface CompleteUsage {
  usage?: RunUsage;
}

/** POST /api/conversations/{id}/message/stream body. */
export interface StreamMessageRequest {
  content: string;
  stream_tokens?: boolean;
}

/** POST /api/conversations/{id}/runs/{run_id}/cancel answer (202). */
export interface CancelAccepted {
  status: 'cancelling';
  run_id: string;
}

/** POST /api/conversations/{id}/runs/{run_id}/synthesis/stream body (all optional). */
export interface SynthesisRequest {
  lead_model?: string;
  stream_tokens?: boolean;
}

/** One day of GET /api/usage. */
export interface DayUsage extends UsageAmounts {
  date: string;
}

/** GET /api/usage?month=YYYY-MM. */
export interface UsageReport {
  month: string;
  total: UsageAmounts;
  by_model: Record<string, UsageAmounts>;
  by_day: DayUsage[];
  budget_usd: number | null;
}

/** GET and PUT /api/settings/budget answer. */
export interface Budget {
  monthly_usd: number | null;
  month: string;
  spent_usd: number;
}

/** PUT /api/settings/budget body (null removes the cap). */
export interface BudgetUpdate {
  monthly_usd: number | null;
}

/** Per-conversation council settings as the record carries them. */
export interface ConversationSettings {
  system_prompt: string | null;
  temperature: number | null;
  max_tokens: number | null;
  exclude_self_votes: boolean;
}

/** POST /api/conversations body: the council, its lead and the optional settings. */
export interface CreateConversationRequest {
  models: string[];
  lead_model: string;
  system_prompt?: string;
  temperature?: number;
  max_tokens?: number;
  exclude_self_votes?: boolean;
}
