-- Notion tokens are stored sealed (AES-256-GCM, 'v1:' + base64(nonce || ciphertext || tag), see
-- io.celeriac.sync.secret.TokenCipher). A random nonce makes every sealing of a token different,
-- so UNIQUE (user_id, token) no longer says "same integration": the uniqueness moves to the
-- SHA-256 of the token. token_hint ('secret_…ab12') lets operators tell rows apart without the key.
ALTER TABLE sync_notion_sources
    ADD COLUMN token_fingerprint TEXT,
    ADD COLUMN token_hint        TEXT NOT NULL DEFAULT '…';

-- Rows written in plaintext (existing rows, or the web side inserting by SQL) get their
-- fingerprint and hint here, computed exactly as StoredToken does; the next sync seals them when
-- it has a key. A sealed value must come with its fingerprint: only the writer knew the token.
CREATE FUNCTION sync_notion_token_facts() RETURNS trigger AS $$
BEGIN
    IF NEW.token NOT LIKE 'v1:%' THEN
        NEW.token_fingerprint := encode(sha256(convert_to(NEW.token, 'UTF8')), 'hex');
        NEW.token_hint := CASE WHEN length(NEW.token) < 12 THEN '…'
                               ELSE coalesce(substring(NEW.token FROM '^[a-z]{2,8}_'), '') || '…' || right(NEW.token, 4)
                          END;
    ELSIF NEW.token_fingerprint IS NULL THEN
        RAISE EXCEPTION 'an encrypted Notion token needs its token_fingerprint';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER sync_notion_token_facts BEFORE INSERT OR UPDATE OF token ON sync_notion_sources
    FOR EACH ROW EXECUTE FUNCTION sync_notion_token_facts();

UPDATE sync_notion_sources SET token = token;

ALTER TABLE sync_notion_sources
    ALTER COLUMN token_fingerprint SET NOT NULL,
    DROP CONSTRAINT sync_notion_sources_user_id_token_key,
    ADD CONSTRAINT sync_notion_sources_user_id_token_fingerprint_key UNIQUE (user_id, token_fingerprint);
