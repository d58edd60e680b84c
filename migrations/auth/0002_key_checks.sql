-- What the provider said the last time a stored key was checked (POST /api/settings/api-key and its /test):
-- when, and the key's credit limit and usage if the provider reported them. NULL: never checked, or not reported.
ALTER TABLE auth.provider_keys
  ADD COLUMN validated_at timestamptz,
  ADD COLUMN credit_limit double precision,
  ADD COLUMN credit_usage double precision;
