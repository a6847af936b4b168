-- A poison event must not block the outbox (issue 9 §3): an event that exceeds the size limit or fails
-- maxAttempts publishes is parked with dead_at set (alert OutboxDeadLetter, runbook outbox-dead-letter); the
-- relay keeps publishing the others. Pending = neither published nor dead.
ALTER TABLE shipshape_outbox ADD COLUMN dead_at timestamptz;
DROP INDEX shipshape_outbox_pending;
CREATE INDEX shipshape_outbox_pending ON shipshape_outbox (seq)
  WHERE published_at IS NULL AND dead_at IS NULL;
-- Per-subject ordering: an event is claimable only when no earlier pending event of its subject exists.
CREATE INDEX shipshape_outbox_pending_subject ON shipshape_outbox (tenant_id, subject, seq)
  WHERE published_at IS NULL AND dead_at IS NULL;
CREATE INDEX shipshape_outbox_published_at ON shipshape_outbox (published_at)
  WHERE published_at IS NOT NULL;
CREATE INDEX shipshape_inbox_consumed_at ON shipshape_inbox (consumed_at);
