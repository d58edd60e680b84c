-- Runs you can follow, cancel and finish later (docs/architecture.md, "A council run, end to end"): every event
-- of a run in order (so any replica can replay it), the status 'cancelled', and the run of each assistant message
-- with its status, so failed and cancelled runs keep the stages they finished.

ALTER TABLE council.runs DROP CONSTRAINT runs_status_check;
ALTER TABLE council.runs ADD CONSTRAINT runs_status_check
  CHECK (status IN ('running', 'completed', 'failed', 'cancelled'));
-- The seq of the run's last event as it ended (its terminal event may still be on its way to run_events).
ALTER TABLE council.runs ADD COLUMN last_seq integer NOT NULL DEFAULT 0;

-- The run's SSE events, seq 1, 2, 3 ... (never reused); payload is the `data:` JSON text as sent.
CREATE TABLE council.run_events (
  run_id      uuid NOT NULL REFERENCES council.runs (id) ON DELETE CASCADE,
  seq         integer NOT NULL CHECK (seq > 0),
  payload     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, seq)
);

-- NULL run_id: a message from before runs were recorded (or imported); such messages are 'completed'.
ALTER TABLE council.messages
  ADD COLUMN run_id uuid NULL,
  ADD COLUMN status text NOT NULL DEFAULT 'completed' CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
  ADD COLUMN error  text NULL;
-- A completed answer has every stage; a failed, cancelled or re-synthesising one has the stages it finished.
ALTER TABLE council.messages DROP CONSTRAINT messages_check1;
ALTER TABLE council.messages ADD CONSTRAINT messages_assistant_stages
  CHECK (role <> 'assistant' OR (stage1 IS NOT NULL AND stage2 IS NOT NULL AND
                                 (status <> 'completed' OR (stage3 IS NOT NULL AND metadata IS NOT NULL))));
CREATE UNIQUE INDEX messages_run ON council.messages (run_id) WHERE run_id IS NOT NULL;
