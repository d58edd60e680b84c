// Wire types of the public API (design/api.md); fields the UI does not read may be absent.

/** POST /api/auth/register|login|refresh. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

/** GET /api/auth/me. */
export interface User {
  id: string;
  email: string;
  created_at: string;
}

/** GET /api/auth/sessions item. */
export interface SessionInfo {
  id: string;
  created_at: string;
  last_used_at: string | null;
  user_agent: string | null;
  ip: string | null;
  current: boolean;
}

/** Key metadata from /api/settings/api-key(s); never the key itself. */
export interface ApiKeyInfo {
  id: string;
  provider: string;
  key_hint: string;
  enabled: boolean;
  endpoint?: string | null;
  created_at: string;
  updated_at: string;
  last_used_at?: string | null;
}

/** GET /api/settings/audit-log item. */
export interface AuditEvent {
  id: string | number;
  at: string;
  action: string;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  details: unknown;
}

/** GET /api/models. */
export interface ModelsInfo {
  models: string[];
  default_models: string[];
  default_lead_model: string;
}

/** GET /api/conversations item. */
export interface ConversationSummary {
  id: string;
  created_at: string;
  title: string;
  message_count: number;
}

export interface Stage1Result {
  model: string;
  response: string;
}

export interface Stage2Result {
  model: string;
  ranking: string;
  parsed_ranking: string[];
}

export interface Stage3Result {
  model: string;
  response: string;
}

export interface AggregateRank {
  model: string;
  average_rank: number;
  rankings_count: number;
}

export interface ModelError {
  stage: string;
  model: string;
  status: number | null;
  message: string;
}

export interface RunMetadata {
  label_to_model?: Record<string, string>;
  aggregate_rankings?: AggregateRank[];
  errors?: ModelError[];
}

export interface UserMessage {
  role: 'user';
  content: string;
}

export interface AssistantMessage {
  role: 'assistant';
  stage1: Stage1Result[];
  stage2: Stage2Result[];
  stage3: Stage3Result | null;
  metadata?: RunMetadata;
}

export type Message = UserMessage | AssistantMessage;

/** GET /api/conversations/{id} and POST /api/conversations. */
export interface Conversation {
  id: string;
  created_at: string;
  title: string;
  models: string[];
  lead_model: string;
  messages: Message[];
}

/** One frame of POST /api/conversations/{id}/message/stream. */
export type StreamEvent =
  | { type: 'stage1_start' }
  | { type: 'stage1_complete'; data: Stage1Result[] }
  | { type: 'stage2_start' }
  | { type: 'stage2_complete'; data: Stage2Result[]; metadata: RunMetadata }
  | { type: 'stage3_start' }
  | { type: 'stage3_complete'; data: Stage3Result }
  | { type: 'title_complete'; data: { title: string } }
  | { type: 'complete' }
  | { type: 'error'; message: string };
