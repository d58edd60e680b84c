-- Throttling that cannot lock out the owner, audit rows that cannot be flooded and expire, a guarded custom
-- endpoint (docs/api.md, "Throttling" and "Audit log").

-- Audit rows gain a repeat count (throttled attempts of one account and address in one window share a row,
-- found by `aggregate_key`) and whether the request proved it acts for the account.
ALTER TABLE auth.audit_events
  ADD COLUMN count         integer NOT NULL DEFAULT 1 CHECK (count >= 1),
  ADD COLUMN authenticated boolean NOT NULL DEFAULT true,
  ADD COLUMN aggregate_key text;
CREATE INDEX audit_events_aggregate_idx ON auth.audit_events (aggregate_key, at DESC) WHERE aggregate_key IS NOT NULL;
CREATE INDEX audit_events_at_idx ON auth.audit_events (at);

-- Rows written before this migration by requests without a credential of the account.
GRANT UPDATE (authenticated) ON auth.audit_events TO CURRENT_USER;
ALTER TABLE auth.audit_events DISABLE TRIGGER audit_events_append_only;
UPDATE auth.audit_events SET authenticated = false
  WHERE action IN ('login_failure', 'login_throttled', 'refresh_reuse_detected')
     OR (action = 'register' AND outcome = 'failure');
ALTER TABLE auth.audit_events ENABLE TRIGGER audit_events_append_only;
REVOKE UPDATE (authenticated) ON auth.audit_events FROM CURRENT_USER;

-- Still append-only, with two exceptions: raising the count of a row (nothing else may change), and deleting
-- rows older than the cutoff the pruning transaction sets in `auth.audit_prune_before`.
CREATE OR REPLACE FUNCTION auth.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.count > OLD.count
     AND (NEW.id, NEW.at, NEW.user_id, NEW.action, NEW.outcome, NEW.ip, NEW.user_agent, NEW.details,
          NEW.authenticated, NEW.aggregate_key)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.user_id, OLD.action, OLD.outcome, OLD.ip, OLD.user_agent, OLD.details,
          OLD.authenticated, OLD.aggregate_key) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND OLD.at < nullif(current_setting('auth.audit_prune_before', true), '')::timestamptz THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'auth.audit_events is append-only';
END
$$;
GRANT UPDATE (count), DELETE ON auth.audit_events TO CURRENT_USER;

-- Failed logins keep the hashed device cookie they came with (NULL without a valid one); `ip` is the
-- throttling address (IPv6 grouped by /64).
ALTER TABLE auth.login_failures ADD COLUMN device bytea;
CREATE INDEX login_failures_account_ip_idx ON auth.login_failures (account, ip, at DESC);
CREATE INDEX login_failures_device_idx ON auth.login_failures (device, at DESC) WHERE device IS NOT NULL;

-- Where an account signed in successfully: its throttling addresses and its device cookies (SHA-256 only).
-- These clients pass the account's ceiling of failures across all addresses.
CREATE TABLE auth.known_addresses (
  user_id      uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  ip           text NOT NULL,
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, ip)
);
CREATE TABLE auth.known_devices (
  token_hash    bytea PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX known_devices_user_idx ON auth.known_devices (user_id);

-- Wrong passwords given to the re-check of password change, account deletion and endpoint changes, per session.
CREATE TABLE auth.password_recheck_failures (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  session_id uuid NOT NULL REFERENCES auth.sessions (id) ON DELETE CASCADE
);
CREATE INDEX password_recheck_failures_session_idx ON auth.password_recheck_failures (session_id, at DESC);

-- When the custom endpoint of a key last changed (set, changed or cleared); NULL: never.
ALTER TABLE auth.provider_keys ADD COLUMN endpoint_changed_at timestamptz;
