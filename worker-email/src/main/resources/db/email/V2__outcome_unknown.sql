-- A send whose outcome is unknown: the connection was lost, or the server's answer never came,
-- after the end of DATA (the server may have accepted the message), or the sender stopped there.
-- Such a row is never resent blindly: it stays 'unknown' until an operator decides
-- (celeriac email outbox resend ID | mark-sent ID).
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown'));

-- When the current claim's sender was about to end DATA (the final dot): from then on the server
-- may hold the message, so a stale claim with this set is 'unknown', never claimed again.
-- Cleared by each claim.
ALTER TABLE email_outbox ADD COLUMN data_end_at TIMESTAMPTZ;

-- celeriac email outbox list --status unknown, and the decisions waiting for an operator
CREATE INDEX email_outbox_unknown ON email_outbox (updated_at) WHERE status = 'unknown';
