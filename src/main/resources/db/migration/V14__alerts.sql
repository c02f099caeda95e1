-- Alerts to the people who answer for the central mailbox (saraban.alert.recipients), and what the
-- compliance report reads by day.

-- An alert is an outgoing message like any other: queued in the outbox, sent through the one SMTP
-- route, numbered in the sending register once the server accepts it.
ALTER TABLE outgoing_message DROP CONSTRAINT outgoing_message_kind_check;
ALTER TABLE outgoing_message ADD CONSTRAINT outgoing_message_kind_check
    CHECK (kind IN ('acknowledgement', 'reply', 'alert'));

-- One row per alert sent, written in the transaction that queues its outgoing_message row. The unique
-- constraint is what keeps a condition seen every five minutes (or by several nodes) to one alert a day.
CREATE TABLE alert_sent (
    id           bigserial   PRIMARY KEY,
    cause        text        NOT NULL CHECK (cause IN ('checks_below_rule', 'failed_checks', 'outbox_attention',
                                                      'holiday_data')),
    -- what the alert is about: the mailbox's central address
    subject_key  text        NOT NULL,
    -- the day in the agency's zone it was sent for
    day          date        NOT NULL,
    summary      text        NOT NULL,
    outgoing_id  bigint      NOT NULL REFERENCES outgoing_message (id),
    created_at   timestamptz NOT NULL,
    CONSTRAINT alert_sent_once UNIQUE (cause, subject_key, day)
);

-- The compliance report counts per mailbox and day by these times.
CREATE INDEX incoming_register_mailbox_received ON incoming_register (mailbox, received_at);
CREATE INDEX incoming_register_mailbox_registered ON incoming_register (mailbox, registered_at);
CREATE INDEX outgoing_message_sent ON outgoing_message (mailbox, kind, sent_at) WHERE status = 'sent';
