-- The receiving register (ทะเบียนหนังสือรับ) and what ingestion needs to stay exactly-once.
-- Integration teams read these tables directly: names here are a contract (README, "Integrate").

-- One row per central mailbox. Registration locks it (SELECT ... FOR UPDATE) so that two checks,
-- on one node or several, never register the same message twice or interleave numbers.
CREATE TABLE mailbox (
    name        text PRIMARY KEY,
    created_at  timestamptz NOT NULL
);

-- Gapless numbering: the counter row is updated in the same transaction as the entries it numbers.
-- A database sequence would leave gaps on rollback, so none is used for register numbers.
CREATE TABLE register_counter (
    mailbox        text    NOT NULL REFERENCES mailbox (name),
    register_kind  text    NOT NULL CHECK (register_kind IN ('incoming', 'outgoing')),
    register_year  integer NOT NULL,
    last_no        integer NOT NULL CHECK (last_no >= 0),
    PRIMARY KEY (mailbox, register_kind, register_year)
);

-- How far each (mailbox, UIDVALIDITY) has been read, so a check costs what is new, not what the
-- mailbox holds. Written in the same transaction as the entries.
CREATE TABLE mailbox_sync (
    mailbox           text        NOT NULL REFERENCES mailbox (name),
    imap_uidvalidity  bigint      NOT NULL,
    last_seen_uid     bigint      NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (mailbox, imap_uidvalidity)
);

CREATE TABLE mailbox_check (
    id                   bigserial PRIMARY KEY,
    mailbox              text        NOT NULL,
    started_at           timestamptz NOT NULL,
    finished_at          timestamptz,
    outcome              text        NOT NULL CHECK (outcome IN ('running', 'ok', 'failed')),
    messages_found       integer     NOT NULL DEFAULT 0,
    messages_registered  integer     NOT NULL DEFAULT 0,
    error_text           text
);
CREATE INDEX mailbox_check_started ON mailbox_check (mailbox, started_at DESC);

CREATE TABLE incoming_register (
    id                  bigserial PRIMARY KEY,
    mailbox             text        NOT NULL REFERENCES mailbox (name),
    register_year       integer     NOT NULL,
    register_no         integer     NOT NULL CHECK (register_no > 0),
    received_at         timestamptz NOT NULL,
    deemed_received_at  timestamptz NOT NULL,
    registered_at       timestamptz NOT NULL,
    message_id          text,
    date_header         text,
    sent_at             timestamptz,
    sender_address      text,
    sender_name         text,
    subject             text,
    body_text           text,
    raw_mime            bytea,
    raw_sha256          text CHECK (raw_sha256 ~ '^[0-9a-f]{64}$'),
    raw_size            bigint      NOT NULL,
    imap_uidvalidity    bigint      NOT NULL,
    imap_uid            bigint      NOT NULL,
    imap_flags          text,
    auto_submitted      boolean     NOT NULL DEFAULT false,
    status              text        NOT NULL CHECK (status IN ('registered', 'needs_review', 'oversize', 'cancelled')),
    problems            text,
    check_id            bigint REFERENCES mailbox_check (id),
    CONSTRAINT incoming_register_imap_identity UNIQUE (mailbox, imap_uidvalidity, imap_uid),
    CONSTRAINT incoming_register_number UNIQUE (mailbox, register_year, register_no),
    -- the evidence: raw bytes and their digest go together, except for parked oversize mail
    CONSTRAINT incoming_register_raw_evidence CHECK (
        (raw_mime IS NOT NULL AND raw_sha256 IS NOT NULL) OR status = 'oversize')
);
-- Recognises a message already registered under an earlier UIDVALIDITY of the same mailbox.
CREATE INDEX incoming_register_content ON incoming_register (mailbox, raw_sha256);
CREATE INDEX incoming_register_deemed ON incoming_register (deemed_received_at);
CREATE INDEX incoming_register_message_id ON incoming_register (message_id);

CREATE TABLE incoming_attachment (
    id            bigserial PRIMARY KEY,
    entry_id      bigint  NOT NULL REFERENCES incoming_register (id),
    position      integer NOT NULL,
    filename      text,
    content_type  text,
    size          bigint  NOT NULL,
    sha256        text    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content       bytea,
    UNIQUE (entry_id, position)
);
