-- Schema council: conversations (ownerless legacy rows allowed), their ordered messages, and council runs.
-- Runs as council_service, which owns schema council and holds only REFERENCES(id) on auth.users.

CREATE TABLE council.conversations (
  id          uuid PRIMARY KEY,
  -- NULL: a row from before accounts existed; shown to nobody until `council-service claim-legacy`.
  user_id     uuid NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  title       text NOT NULL DEFAULT 'New Conversation',
  models      jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(models) = 'array'),
  lead_model  text NOT NULL DEFAULT ''
);
CREATE INDEX conversations_user_created ON council.conversations (user_id, created_at DESC);

CREATE TABLE council.messages (
  conversation_id  uuid NOT NULL REFERENCES council.conversations (id) ON DELETE CASCADE,
  position         integer NOT NULL CHECK (position > 0),
  role             text NOT NULL CHECK (role IN ('user', 'assistant')),
  content          text NULL,
  stage1           jsonb NULL,
  stage2           jsonb NULL,
  stage3           jsonb NULL,
  metadata         jsonb NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, position),
  CHECK (role <> 'user' OR content IS NOT NULL),
  CHECK (role <> 'assistant' OR (stage1 IS NOT NULL AND stage2 IS NOT NULL AND stage3 IS NOT NULL AND metadata IS NOT NULL))
);

CREATE TABLE council.runs (
  id                  uuid PRIMARY KEY,
  conversation_id     uuid NOT NULL REFERENCES council.conversations (id) ON DELETE CASCADE,
  user_id             uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  -- Position reserved for the assistant answer, right after the run's question.
  assistant_position  integer NOT NULL,
  status              text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  started_at          timestamptz NOT NULL DEFAULT now(),
  finished_at         timestamptz NULL,
  error               text NULL,
  CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX runs_conversation ON council.runs (conversation_id);
CREATE INDEX runs_running ON council.runs (started_at) WHERE status = 'running';
