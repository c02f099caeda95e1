-- Which gateway node ran each check: the Quartz instance id of its scheduler (host and process id),
-- so that the check log shows the cluster sharing the mailboxes and a node that stopped checking.
-- Blank for checks recorded before several nodes could share one register.
ALTER TABLE mailbox_check ADD COLUMN node text;
