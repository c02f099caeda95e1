-- The outbound half: the outbox every reply and acknowledgement waits in, the sending register
-- (ทะเบียนหนังสือส่ง) of what actually left, and the record of acknowledgement decisions.

-- A citizen's follow-up points at the entry it continues, recognised only through our own
-- Message-IDs or our register tag, never a foreign References header alone.
ALTER TABLE incoming_register ADD COLUMN follows_entry_id bigint REFERENCES incoming_register (id);

CREATE TABLE outgoing_message (
    id                 bigserial PRIMARY KEY,
    mailbox            text        NOT NULL REFERENCES mailbox (name),
    kind               text        NOT NULL CHECK (kind IN ('acknowledgement', 'reply')),
    answers_entry_id   bigint      REFERENCES incoming_register (id),
    from_address       text        NOT NULL,
    to_addresses       text        NOT NULL,
    subject            text        NOT NULL,
    body_text          text,
    body_html          text,
    -- assigned when queued and never changed, so every attempt sends the same message
    message_id         text        NOT NULL UNIQUE,
    in_reply_to        text,
    references_header  text,
    status             text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'refused', 'uncertain')),
    attempts           integer     NOT NULL DEFAULT 0,
    max_attempts       integer     NOT NULL,
    next_attempt_at    timestamptz,
    -- when a sender took the row; a row left in 'sending' (process died) is found by this
    claimed_at         timestamptz,
    last_error         text,
    queued_at          timestamptz NOT NULL,
    sent_at            timestamptz,
    -- the exact bytes handed to the SMTP server, built once on the first attempt
    raw_mime           bytea,
    raw_sha256         text CHECK (raw_sha256 ~ '^[0-9a-f]{64}$'),
    sent_copy_error    text
);
CREATE INDEX outgoing_message_due ON outgoing_message (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outgoing_message_recipient ON outgoing_message (mailbox, kind, lower(to_addresses), queued_at);

CREATE TABLE outgoing_attachment (
    id            bigserial PRIMARY KEY,
    outgoing_id   bigint  NOT NULL REFERENCES outgoing_message (id),
    position      integer NOT NULL,
    filename      text    NOT NULL,
    content_type  text    NOT NULL,
    content       bytea   NOT NULL,
    UNIQUE (outgoing_id, position)
);

CREATE TABLE sending_register (
    id                bigserial PRIMARY KEY,
    mailbox           text        NOT NULL REFERENCES mailbox (name),
    register_year     integer     NOT NULL,
    register_no       integer     NOT NULL CHECK (register_no > 0),
    sent_at           timestamptz NOT NULL,
    from_address      text        NOT NULL,
    recipients        text        NOT NULL,
    subject           text        NOT NULL,
    message_id        text        NOT NULL,
    raw_mime          bytea       NOT NULL,
    raw_sha256        text        NOT NULL CHECK (raw_sha256 ~ '^[0-9a-f]{64}$'),
    outgoing_id       bigint      NOT NULL UNIQUE REFERENCES outgoing_message (id),
    answers_entry_id  bigint      REFERENCES incoming_register (id),
    CONSTRAINT sending_register_number UNIQUE (mailbox, register_year, register_no)
);

CREATE TABLE acknowledgement_decision (
    entry_id     bigint      PRIMARY KEY REFERENCES incoming_register (id),
    decision     text        NOT NULL CHECK (decision IN ('queued', 'not_sent')),
    reason       text        NOT NULL,
    outgoing_id  bigint      REFERENCES outgoing_message (id),
    decided_at   timestamptz NOT NULL
);
