-- Refresh tokens rotate within a family: the tokens one sign-in (register or login) leads to, each refresh spending one
-- and issuing the next. A spent token presented again means someone holds a copy: the whole family is revoked, the
-- holder of the latest token included, who signs in again (OAuth 2.0 Security BCP, refresh token rotation).
ALTER TABLE refresh_tokens ADD COLUMN family_id uuid;
UPDATE refresh_tokens SET family_id = gen_random_uuid();
ALTER TABLE refresh_tokens ALTER COLUMN family_id SET NOT NULL;
ALTER TABLE refresh_tokens ADD COLUMN revoked_at timestamptz;
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
