-- Push to the agency's existing saraban system (issue 8, item 3). A row in push_entry is written in
-- the same transaction that registers the entry, so a crash can lose neither; the push itself runs
-- later (routes/push-entries.camel.yaml). The delivery id is fixed here and sent with every attempt,
-- so the receiver can drop a repeat (delivery is at least once).

CREATE TABLE push_entry (
    entry_id         bigint      PRIMARY KEY REFERENCES incoming_register (id),
    delivery_id      uuid        NOT NULL UNIQUE,
    state            text        NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    -- when the next attempt is due; while an attempt is under way, when it counts as abandoned
    next_attempt_at  timestamptz,
    queued_at        timestamptz NOT NULL,
    finished_at      timestamptz,
    last_error       text
);
CREATE INDEX push_entry_due ON push_entry (next_attempt_at) WHERE state = 'pending';

-- One row per attempt: what the receiver answered (an HTTP status) or why there was no answer.
CREATE TABLE push_delivery (
    id            bigserial   PRIMARY KEY,
    entry_id      bigint      NOT NULL REFERENCES incoming_register (id),
    delivery_id   uuid        NOT NULL,
    attempt_no    integer     NOT NULL,
    attempted_at  timestamptz NOT NULL,
    http_status   integer,
    error         text,
    outcome       text        NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
    UNIQUE (delivery_id, attempt_no)
);
CREATE INDEX push_delivery_entry ON push_delivery (entry_id, attempt_no);
CREATE INDEX push_delivery_time ON push_delivery (attempted_at);
