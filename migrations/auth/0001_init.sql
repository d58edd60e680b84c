-- Schema `auth` of auth-service: users, sessions with refresh-token hashes, envelope-encrypted
-- provider keys, the append-only audit log and the login/registration throttling counters.

-- RFC 3339 UTC text of a timestamp, as the API shows it (independent of the session's TimeZone).
CREATE FUNCTION auth.rfc3339(t timestamptz) RETURNS text LANGUAGE sql STABLE STRICT
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');

CREATE TABLE auth.users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower_key ON auth.users (lower(email));

-- One row per login. Refresh tokens are stored only as SHA-256: the current one, and the one it
-- replaced (accepted again within the reuse grace, answered with `grace_token`, which is the current
-- token sealed under a key derived from the previous token, so only its holder can open it).
CREATE TABLE auth.sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  refresh_hash  bytea NOT NULL UNIQUE,
  previous_hash bytea,
  grace_token   bytea,
  rotated_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  last_used_at  timestamptz NOT NULL DEFAULT now(),
  user_agent    text,
  ip            text
);
CREATE INDEX sessions_user_idx ON auth.sessions (user_id);
CREATE INDEX sessions_previous_hash_idx ON auth.sessions (previous_hash) WHERE previous_hash IS NOT NULL;
CREATE INDEX sessions_expires_idx ON auth.sessions (expires_at);

-- Every refresh token that was rotated away: presenting one again (outside the grace) revokes its session.
CREATE TABLE auth.retired_refresh_tokens (
  token_hash bytea PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES auth.sessions (id) ON DELETE CASCADE,
  retired_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retired_refresh_tokens_session_idx ON auth.retired_refresh_tokens (session_id);

-- Provider API keys, envelope-encrypted: `sealed_key` and `sealed_endpoint` are nonce || ciphertext || tag
-- under a per-row data key; `wrapped_data_key` is that data key sealed by key-encryption key `kek_version`.
CREATE TABLE auth.provider_keys (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  provider         text NOT NULL,
  kek_version      integer NOT NULL CHECK (kek_version > 0),
  wrapped_data_key bytea NOT NULL,
  sealed_key       bytea NOT NULL,
  sealed_endpoint  bytea,
  key_hint         text NOT NULL,
  enabled          boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  last_used_at     timestamptz,
  UNIQUE (user_id, provider)
);
CREATE INDEX provider_keys_kek_version_idx ON auth.provider_keys (kek_version, id);

-- Append-only audit trail. user_id has no foreign key so that events outlive deleted accounts.
CREATE TABLE auth.audit_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id    uuid,
  action     text NOT NULL,
  outcome    text NOT NULL CHECK (outcome IN ('success', 'failure')),
  ip         text,
  user_agent text,
  details    jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_user_idx ON auth.audit_events (user_id, id DESC);

CREATE FUNCTION auth.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'auth.audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON auth.audit_events
  FOR EACH ROW EXECUTE FUNCTION auth.refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON auth.audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION auth.refuse_audit_change();
REVOKE UPDATE, DELETE, TRUNCATE ON auth.audit_events FROM CURRENT_USER;

-- Throttling counters, shared by every replica. `account` is SHA-256 of the lower-cased email.
CREATE TABLE auth.login_failures (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  account bytea NOT NULL,
  ip      text NOT NULL
);
CREATE INDEX login_failures_account_idx ON auth.login_failures (account, at DESC);
CREATE INDEX login_failures_ip_idx ON auth.login_failures (ip, at DESC);

CREATE TABLE auth.registration_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  ip text NOT NULL
);
CREATE INDEX registration_attempts_ip_idx ON auth.registration_attempts (ip, at DESC);

-- council-service may reference users (conversations cascade on account deletion) and nothing more.
REVOKE EXECUTE ON FUNCTION auth.rfc3339(timestamptz), auth.refuse_audit_change() FROM PUBLIC;
GRANT USAGE ON SCHEMA auth TO council_service;
GRANT REFERENCES (id) ON auth.users TO council_service;
