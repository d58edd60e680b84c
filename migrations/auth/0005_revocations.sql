-- The revocation feed (docs/architecture.md, "Revocation reaches the council"): one row per session that ended
-- before its time (logout, revocation, password change or reset, admin disable, refresh-token reuse, account
-- deletion), written by triggers in the transaction that ends it, so no path can end a session without its row.
-- `txid` is the writing transaction: the feed hands out rows of transactions below its snapshot's horizon and
-- that horizon as the next cursor, so a row committed late (with a lower seq) is never skipped.
CREATE TABLE auth.revocations (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id uuid NOT NULL,
  user_id    uuid NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  txid       xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX revocations_revoked_at_idx ON auth.revocations (revoked_at);

CREATE FUNCTION auth.record_session_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO auth.revocations (session_id, user_id) VALUES (OLD.id, OLD.user_id);
  RETURN NULL;
END
$$;

-- A usable session revoked (revoked_at set for the first time) or deleted (account deletion); expired ones need
-- no row, their access tokens have expired with them (ACCESS_TOKEN_TTL is shorter than any session).
CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON auth.sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND OLD.expires_at > now())
  EXECUTE FUNCTION auth.record_session_revocation();
CREATE TRIGGER sessions_deleted AFTER DELETE ON auth.sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now())
  EXECUTE FUNCTION auth.record_session_revocation();

REVOKE EXECUTE ON FUNCTION auth.record_session_revocation() FROM PUBLIC;
