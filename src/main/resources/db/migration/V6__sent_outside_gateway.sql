-- Mail sent from the central mailbox outside the gateway (an officer answering from webmail) is
-- registered in the sending register (ทะเบียนหนังสือส่ง) too, so that everything that left the
-- central mailbox is traceable. The gateway finds it in the mailbox's sent folder
-- (saraban.smtp.sent-folder); its own copies there are recognised and not registered twice.

-- 'gateway': sent by the send-outbox route (outgoing_id says which outbox row).
-- 'outside': found in the sent folder and not sent by the gateway; identified by its place in the
-- folder, and numbered with the same counter as the gateway's own entries.
ALTER TABLE sending_register
    ADD COLUMN origin text NOT NULL DEFAULT 'gateway' CHECK (origin IN ('gateway', 'outside'));

-- What only mail found in the sent folder has. For 'outside' rows sent_at is the folder's
-- INTERNALDATE (when the message entered the sent folder: the mailbox's own record of when it
-- left), and the register year is the Buddhist-Era year of that time in the agency's zone.
ALTER TABLE sending_register
    ADD COLUMN sent_folder       text,
    ADD COLUMN imap_uidvalidity  bigint,
    ADD COLUMN imap_uid          bigint,
    -- the Date: header as written by the mail program (may be wrong or missing)
    ADD COLUMN date_header       text,
    -- the To:, Cc: and Bcc: headers as found (unfolded, encoded words decoded); recipients holds
    -- their bare addresses, comma-separated, in that order
    ADD COLUMN to_header         text,
    ADD COLUMN cc_header         text,
    ADD COLUMN bcc_header        text,
    ADD COLUMN raw_size          bigint,
    ADD COLUMN registered_at     timestamptz,
    -- หมายเหตุ: why a row lacks something (content too large to hold, message the server would not
    -- hand over: registered from what the server said, content left in the folder)
    ADD COLUMN remarks           text;

-- Mail from webmail may lack any header; the bytes are then the only description. Gateway rows
-- keep every fact they always had (constraint below).
ALTER TABLE sending_register
    ALTER COLUMN outgoing_id DROP NOT NULL,
    ALTER COLUMN from_address DROP NOT NULL,
    ALTER COLUMN recipients DROP NOT NULL,
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN message_id DROP NOT NULL,
    ALTER COLUMN raw_mime DROP NOT NULL,
    ALTER COLUMN raw_sha256 DROP NOT NULL;

ALTER TABLE sending_register ADD CONSTRAINT sending_register_origin_facts CHECK (
    (origin = 'gateway' AND outgoing_id IS NOT NULL AND from_address IS NOT NULL AND recipients IS NOT NULL
        AND subject IS NOT NULL AND message_id IS NOT NULL AND raw_mime IS NOT NULL AND raw_sha256 IS NOT NULL)
    OR (origin = 'outside' AND outgoing_id IS NULL AND sent_folder IS NOT NULL AND imap_uidvalidity IS NOT NULL
        AND imap_uid IS NOT NULL AND raw_size IS NOT NULL AND registered_at IS NOT NULL
        -- without bytes only with a remark saying where the content is
        AND ((raw_mime IS NOT NULL AND raw_sha256 IS NOT NULL) OR remarks IS NOT NULL)));

-- Exactly once: one entry per message of the sent folder.
ALTER TABLE sending_register ADD CONSTRAINT sending_register_sent_folder_identity
    UNIQUE (mailbox, sent_folder, imap_uidvalidity, imap_uid);
-- Recognises a message already registered when the folder comes back with a new UIDVALIDITY.
CREATE INDEX sending_register_content ON sending_register (mailbox, raw_sha256);
-- Finds the incoming letter a webmail reply cites.
CREATE INDEX sending_register_answers ON sending_register (answers_entry_id);

-- How far each (mailbox, sent folder, UIDVALIDITY) has been read, written in the same transaction
-- as the entries, so a run costs what is new in the folder, not what it holds.
CREATE TABLE sent_folder_sync (
    mailbox           text        NOT NULL REFERENCES mailbox (name),
    folder            text        NOT NULL,
    imap_uidvalidity  bigint      NOT NULL,
    last_seen_uid     bigint      NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (mailbox, folder, imap_uidvalidity)
);
