// Wire types of the public API, taken from the types generated from proto/*.openapi.yaml (src/api/generated/).
import type { components as AuthComponents } from './generated/auth';
import type { components as CouncilComponents } from './generated/council';
import type { CancelledEvent, CompleteUsage, ConversationSettings, RunRecordFields, Stage1DeltaEvent, Stage3DeltaEvent } from './runs-types';

type Auth = AuthComponents['schemas'];
type Council = CouncilComponents['schemas'];

/** POST /api/auth/register|login|refresh. */
export type TokenResponse = Auth['TokenResponse'];
/** GET /api/auth/me. */
export type User = Auth['User'];
/** GET /api/auth/sessions item. */
export type SessionInfo = Auth['Session'];
/** Key metadata from /api/settings/api-key(s) and the key test; never the key itself. */
export type ApiKeyInfo = Auth['KeyMetadata'];
/** POST /api/settings/api-key body ("validate": false stores the key unchecked). */
export type SaveKeyRequest = Auth['SaveKeyRequest'];
/** GET /api/settings/audit-log item. */
export type AuditEvent = Auth['AuditEvent'];
/** GET /api/auth/config: who may create an account. */
export type AuthConfig = Auth['AuthConfig'];
export type RegistrationMode = AuthConfig['registration'];
/** POST /api/auth/register body (`invite_code` only in invite mode). */
export type Registration = Auth['Registration'];
/** POST /api/auth/password-reset body and answer. */
export type PasswordReset = Auth['PasswordReset'];
export type StatusPasswordReset = Auth['StatusPasswordReset'];
/** GET /api/admin/users item (never a key) and the list. */
export type AdminUser = Auth['AdminUser'];
export type AdminUserList = Auth['AdminUserList'];
/** POST /api/admin/invites body and answer. */
export type InviteRequest = Auth['InviteRequest'];
export type Invite = Auth['Invite'];
/** POST /api/admin/users/{id}/password-reset answer: a single-use link to the reset page. */
export type ResetLink = Auth['ResetLink'];

/** GET /api/models. */
export type ModelsInfo = Council['Models'];
/** GET /api/conversations item. */
export type ConversationSummary = Council['ConversationSummary'];
export type Stage1Result = Council['Stage1Result'];
export type Stage2Result = Council['Stage2Result'];
export type Stage3Result = Council['Stage3Result'];
export type AggregateRank = Council['AggregateRank'];
export type ModelError = Council['ModelError'];
export type UserMessage = Council['UserMessage'];
type ProtoStreamEvent = Council['StreamEvent'];
type ProtoCompleteEvent = Extract<ProtoStreamEvent, { type: 'complete' }>;
/** One frame of a run's stream (message/stream, runs/{run_id}/events, synthesis/stream). */
export type StreamEvent =
  | Exclude<ProtoStreamEvent, ProtoCompleteEvent>
  | (Omit<ProtoCompleteEvent, keyof CompleteUsage> & CompleteUsage)
  | Stage1DeltaEvent
  | Stage3DeltaEvent
  | CancelledEvent;

/** Run metadata as the UI reads it: a live run has only the fields its stream has delivered so far. */
export type RunMetadata = Partial<Council['RunMetadata']>;

/**
 * An assistant message, stored (every field) or live (stage 3 still null, metadata partial). The run fields are
 * optional: a live copy has none and a server before issue 11 sends none.
 */
export type AssistantMessage = Omit<Council['AssistantMessage'], 'stage3' | 'metadata' | keyof RunRecordFields> &
  Partial<RunRecordFields> & {
    stage3: Stage3Result | null;
    metadata?: RunMetadata | null;
  };

export type Message = UserMessage | AssistantMessage;

/** GET /api/conversations/{id} and POST /api/conversations (the council settings only from servers with issue 11). */
export type Conversation = Omit<Council['Conversation'], 'messages' | keyof ConversationSettings> & {
  messages: Message[];
} & Partial<ConversationSettings>;
