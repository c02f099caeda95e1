-- Sender authenticity as the agency's own receiving server judged it, read from the topmost
-- Authentication-Results header (RFC 8601) that carries saraban.auth.authserv-id. Headers written by
-- any other server, or ours below the topmost one, are ignored: anyone can write them.
-- Each column holds the result word in lower case: pass, fail, none, neutral, softfail, temperror,
-- permerror or policy. NULL means no trustworthy result: no authserv-id configured, no header from
-- our server, or our server did not report that method (or used a word not listed here).
-- Registration never depends on these columns; only the automatic acknowledgement does.
ALTER TABLE incoming_register
    ADD COLUMN auth_dmarc text CHECK (auth_dmarc IN ('pass', 'fail', 'none', 'neutral', 'softfail', 'temperror', 'permerror', 'policy')),
    ADD COLUMN auth_spf   text CHECK (auth_spf   IN ('pass', 'fail', 'none', 'neutral', 'softfail', 'temperror', 'permerror', 'policy')),
    -- pass when any DKIM signature passed, else the first DKIM result reported
    ADD COLUMN auth_dkim  text CHECK (auth_dkim  IN ('pass', 'fail', 'none', 'neutral', 'softfail', 'temperror', 'permerror', 'policy'));

COMMENT ON COLUMN incoming_register.auth_dmarc IS
    'DMARC result from our receiving server''s Authentication-Results (saraban.auth.authserv-id); NULL = no trustworthy result';
COMMENT ON COLUMN incoming_register.auth_spf IS
    'SPF result from our receiving server''s Authentication-Results (saraban.auth.authserv-id); NULL = no trustworthy result';
COMMENT ON COLUMN incoming_register.auth_dkim IS
    'DKIM result from our receiving server''s Authentication-Results: pass if any signature passed; NULL = no trustworthy result';

-- The hourly cap (saraban.ack.hourly-cap) counts acknowledgements of all recipients queued in the last
-- hour, for every letter registered: this keeps that count to the last hour's rows as the years pass.
CREATE INDEX outgoing_message_queued ON outgoing_message (mailbox, kind, queued_at);
