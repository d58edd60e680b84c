-- Ledger of the conversations imported from the Python app (`council-service import-legacy`, docs/legacy-import.md):
-- each legacy conversation is imported once, even if its copy here is deleted later (hence no foreign key).
CREATE TABLE council.legacy_conversations (
  legacy_id        uuid PRIMARY KEY,
  conversation_id  uuid NOT NULL,
  imported_at      timestamptz NOT NULL DEFAULT now()
);
