-- Token usage and cost of every upstream call, each user's monthly budget, and the council settings of a
-- conversation (docs/api.md, "Usage and budget").

-- One row per upstream call of a run (the same call key again, as a re-run synthesis, adds to its row).
-- No foreign key to runs: spending stays counted when its conversation is deleted; it goes with the account.
CREATE TABLE council.run_usage (
  run_id             uuid NOT NULL,
  stage              text NOT NULL CHECK (stage IN ('stage1', 'stage2', 'stage3', 'title')),
  model              text NOT NULL,
  user_id            uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  prompt_tokens      bigint NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
  completion_tokens  bigint NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
  -- US dollars, kept to 10 decimals so sums are exact.
  cost_usd           numeric(24, 10) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stage, model)
);
CREATE INDEX run_usage_user_created ON council.run_usage (user_id, created_at);

-- A user's monthly spending cap; no row (or NULL): no cap.
CREATE TABLE council.budgets (
  user_id      uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  monthly_usd  numeric(24, 10) NULL CHECK (monthly_usd >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE council.conversations
  ADD COLUMN system_prompt       text NULL CHECK (char_length(system_prompt) <= 4000),
  ADD COLUMN temperature         double precision NULL CHECK (temperature >= 0 AND temperature <= 2),
  ADD COLUMN max_tokens          integer NULL CHECK (max_tokens BETWEEN 1 AND 32000),
  ADD COLUMN exclude_self_votes  boolean NOT NULL DEFAULT false;
