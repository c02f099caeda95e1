-- Quarantine by attempts: a letter that cannot be read (its reading throws, runs out of memory,
-- takes longer than saraban.read.time-limit-seconds, or the gateway process dies while it is being
-- read) must not hold the mailbox at its read position for ever.

-- One row per letter that a check has started on and not yet settled. The attempt is counted and
-- committed BEFORE the letter's bytes are fetched, so a process killed in the middle of a batch
-- (SIGKILL, an out-of-memory kill) leaves its counts behind: the next check reads each such letter
-- in a batch of its own, and after saraban.read.max-attempts tries registers it as 'unreadable'.
-- The transaction that moves the read position past a letter deletes its row (and rows of an
-- earlier UIDVALIDITY): a row here is always unfinished work.
CREATE TABLE letter_attempt (
    mailbox           text        NOT NULL,
    imap_uidvalidity  bigint      NOT NULL,
    imap_uid          bigint      NOT NULL,
    -- tries so far, the one under way included; a try that ended because the mail server or the
    -- database failed (not the letter) is given back, up to 10 times per letter (see outages)
    attempts          integer     NOT NULL CHECK (attempts >= 0),
    -- checks that failed for reasons outside the letter while it was under way; past 10 they count
    -- as tries too, so that a letter which makes the server drop the connection cannot stop the
    -- mailbox for ever
    outages           integer     NOT NULL DEFAULT 0,
    -- true from the start of a try until its failure is written here; still true at the start of
    -- the next try means the previous one ended without a word (the process died, or the check
    -- failed after reading)
    attempt_open      boolean     NOT NULL,
    -- the newest failure, and every failure one per line ("attempt 2: OutOfMemoryError: ...")
    last_error        text,
    failures          text,
    first_attempt_at  timestamptz NOT NULL,
    last_attempt_at   timestamptz NOT NULL,
    PRIMARY KEY (mailbox, imap_uidvalidity, imap_uid)
);

-- 'unreadable': tried saraban.read.max-attempts times without being read. Registered from its raw
-- bytes (with their SHA-256) when they were fetched, else from its INTERNALDATE and size with the
-- content left on the server; problems names each failed attempt. Never acknowledged automatically.
ALTER TABLE incoming_register DROP CONSTRAINT incoming_register_status_check;
ALTER TABLE incoming_register ADD CONSTRAINT incoming_register_status_check
    CHECK (status IN ('registered', 'needs_review', 'oversize', 'unfetchable', 'unreadable', 'cancelled'));
ALTER TABLE incoming_register DROP CONSTRAINT incoming_register_raw_evidence;
ALTER TABLE incoming_register ADD CONSTRAINT incoming_register_raw_evidence CHECK (
    (raw_mime IS NOT NULL AND raw_sha256 IS NOT NULL) OR status IN ('oversize', 'unfetchable', 'unreadable'));

