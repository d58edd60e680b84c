-- Who may register and who administers: the admin and disabled flags and the last sign-in of each account,
-- invite codes and single-use password-reset tokens (both stored only as SHA-256).

ALTER TABLE auth.users
  ADD COLUMN admin         boolean NOT NULL DEFAULT false,
  ADD COLUMN disabled      boolean NOT NULL DEFAULT false,
  ADD COLUMN last_login_at timestamptz;

-- Accounts from before this migration: their newest session is their last sign-in.
UPDATE auth.users u SET last_login_at = (SELECT max(s.created_at) FROM auth.sessions s WHERE s.user_id = u.id);

-- Invite codes for REGISTRATION_MODE=invite. `uses_left` drops by one in the registering transaction.
-- created_by is the issuing admin (NULL when made on the command line or when that admin is gone).
CREATE TABLE auth.invites (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code_hash  bytea NOT NULL UNIQUE,
  uses       integer NOT NULL CHECK (uses BETWEEN 1 AND 1000),
  uses_left  integer NOT NULL CHECK (uses_left BETWEEN 0 AND uses),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES auth.users (id) ON DELETE SET NULL
);

-- Password-reset tokens (links valid 30 minutes, single use); gone with their account.
CREATE TABLE auth.password_resets (
  token_hash bytea PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX password_resets_user_idx ON auth.password_resets (user_id);
