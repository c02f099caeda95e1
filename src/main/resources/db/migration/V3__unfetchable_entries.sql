-- A message the mail server will not hand over (it answers NO for that one message) is registered
-- from its INTERNALDATE and size with status 'unfetchable', instead of blocking every later message.
ALTER TABLE incoming_register DROP CONSTRAINT incoming_register_status_check;
ALTER TABLE incoming_register ADD CONSTRAINT incoming_register_status_check
    CHECK (status IN ('registered', 'needs_review', 'oversize', 'unfetchable', 'cancelled'));
ALTER TABLE incoming_register DROP CONSTRAINT incoming_register_raw_evidence;
ALTER TABLE incoming_register ADD CONSTRAINT incoming_register_raw_evidence CHECK (
    (raw_mime IS NOT NULL AND raw_sha256 IS NOT NULL) OR status IN ('oversize', 'unfetchable'));
