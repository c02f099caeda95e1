-- Keys for the HTTP API (/api/v1). A key is 'sgw_' and 256 random bits; only its SHA-256 is kept,
-- never the key. key_prefix is the first 8 characters after 'sgw_': not enough to use the key, enough
-- to find its row and to tell keys apart in 'api-key list'. Names are never reused, so an audit row
-- that names a key always means one key.
CREATE TABLE api_key (
    id            bigserial   PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    key_prefix    text        NOT NULL,
    key_hash      text        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    -- read (the register), record (actions on entries), reply (queue replies)
    scopes        text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    -- to the minute: written at most once a minute per key
    last_used_at  timestamptz
);
CREATE INDEX api_key_prefix ON api_key (key_prefix);
