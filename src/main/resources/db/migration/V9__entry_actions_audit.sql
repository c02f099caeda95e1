-- What officers do with a letter after it is registered, and the audit trail of every change.
-- The receiving register (ทะเบียนหนังสือรับ) has four columns that people, not the gateway, fill in:
-- ที่ (the sender's document number), ลงวันที่ (the date on the letter), การปฏิบัติ (the unit it went
-- to) and หมายเหตุ (remarks). They are kept on incoming_register as the entry's current state, so
-- the register reads as one table; each action that changes them is a row in entry_action, and each
-- changed value (old and new) a row in audit_log. Neither table is ever updated or deleted.

ALTER TABLE incoming_register
    -- ที่: the sender's document number as written on the letter, e.g. 'ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐'
    ADD COLUMN document_no    text,
    -- ลงวันที่: the date the letter bears (a calendar date, no time)
    ADD COLUMN document_date  date,
    -- การปฏิบัติ: the unit (or person) the letter was routed to for action
    ADD COLUMN routed_to      text,
    -- หมายเหตุ
    ADD COLUMN remarks        text;

-- The statuses an officer sets, besides the gateway's own (registered, needs_review, oversize,
-- unfetchable, unreadable): routed (sent on to a unit), in_progress, done, and cancelled (the entry
-- stays and keeps its number). oversize, unfetchable and unreadable are facts about the evidence
-- and only the gateway sets them (the raw-evidence constraint depends on them).
ALTER TABLE incoming_register DROP CONSTRAINT incoming_register_status_check;
ALTER TABLE incoming_register ADD CONSTRAINT incoming_register_status_check
    CHECK (status IN ('registered', 'needs_review', 'oversize', 'unfetchable', 'unreadable',
                      'routed', 'in_progress', 'done', 'cancelled'));

-- One row per action recorded by an officer, as it was asked for: null means "not changed".
CREATE TABLE entry_action (
    id             bigserial   PRIMARY KEY,
    entry_id       bigint      NOT NULL REFERENCES incoming_register (id),
    status         text,
    routed_to      text,
    remarks        text,
    document_no    text,
    document_date  date,
    -- who: the officer's name as given, and the API key's name (null for the web console)
    officer        text        NOT NULL,
    api_key_name   text,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX entry_action_entry ON entry_action (entry_id, id);

-- Every change to a record an officer makes: who, what, when, the old and the new value.
-- entity names the table (incoming_register, outgoing_message), entity_id its row, field its column.
CREATE TABLE audit_log (
    id             bigserial   PRIMARY KEY,
    changed_at     timestamptz NOT NULL,
    officer        text        NOT NULL,
    api_key_name   text,
    entity         text        NOT NULL,
    entity_id      bigint      NOT NULL,
    field          text        NOT NULL,
    old_value      text,
    new_value      text,
    -- the register entry the change belongs to, and the action that made it (null for a reply)
    entry_id       bigint      REFERENCES incoming_register (id),
    action_id      bigint      REFERENCES entry_action (id)
);
CREATE INDEX audit_log_entry ON audit_log (entry_id, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

-- Nothing overwritten without a trace: the trail itself cannot be changed or removed.
CREATE FUNCTION refuse_trail_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER entry_action_append_only BEFORE UPDATE OR DELETE ON entry_action
    FOR EACH ROW EXECUTE FUNCTION refuse_trail_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_trail_change();

-- A client that retries a reply after a lost answer must not make the agency write to the citizen
-- twice: a reply asked for with an Idempotency-Key header is remembered per API key, in the outbox
-- row's own transaction, and the same key again answers with the same outgoing message.
CREATE TABLE reply_request (
    api_key_name     text        NOT NULL,
    idempotency_key  text        NOT NULL,
    entry_id         bigint      NOT NULL REFERENCES incoming_register (id),
    outgoing_id      bigint      NOT NULL REFERENCES outgoing_message (id),
    requested_at     timestamptz NOT NULL,
    PRIMARY KEY (api_key_name, idempotency_key)
);
