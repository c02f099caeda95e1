-- The operator console (issue 10): who may sign in, their sessions, the sign-in attempts that the
-- rate limit counts, and the "reviewed" mark officers put on entries that needed a person.

-- Officers (เจ้าหน้าที่งานสารบรรณกลาง) and administrators (IT staff), created on the command line:
-- java -jar target/saraban-gateway.jar user create NAME --role officer|admin
CREATE TABLE console_user (
    id             bigserial   PRIMARY KEY,
    name           text        NOT NULL UNIQUE,
    role           text        NOT NULL CHECK (role IN ('officer', 'admin')),
    -- a BCrypt string ($2a$12$...): salt and cost are inside it; never the password itself
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL,
    password_set_at timestamptz NOT NULL
);

-- A signed-in browser. The cookie holds a random 256-bit token; only its SHA-256 is stored, so a
-- copy of this table signs nobody in. csrf_token is the synchronizer token every form must return.
CREATE TABLE console_session (
    token_sha256   text        PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    user_id        bigint      NOT NULL REFERENCES console_user (id),
    csrf_token     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    -- last_seen_at + saraban.console.session-minutes, never later than created_at + 12 hours
    expires_at     timestamptz NOT NULL,
    remote_address text
);
CREATE INDEX console_session_expiry ON console_session (expires_at);

-- Every sign-in attempt, kept in the database so that the limit holds across restarts and nodes.
CREATE TABLE console_sign_in (
    id             bigserial   PRIMARY KEY,
    user_name      text        NOT NULL,
    remote_address text        NOT NULL,
    attempted_at   timestamptz NOT NULL,
    succeeded      boolean     NOT NULL
);
CREATE INDEX console_sign_in_user ON console_sign_in (user_name, attempted_at) WHERE NOT succeeded;
CREATE INDEX console_sign_in_address ON console_sign_in (remote_address, attempted_at) WHERE NOT succeeded;

-- "Reviewed" on an entry that needed a person (needs_review, oversize, unfetchable, unreadable):
-- who looked at it and when. The entry keeps its status, which is a fact about the evidence.
CREATE TABLE entry_review (
    entry_id       bigint      PRIMARY KEY REFERENCES incoming_register (id),
    reviewed_by    text        NOT NULL,
    reviewed_at    timestamptz NOT NULL,
    note           text
);
