-- Issue 26: celeriac exporter counts each channel's notifications of the last hour every 30 s;
-- without this index that is a scan of every notification kept (30 days of them).
CREATE INDEX ai_notifications_updated ON ai_notifications (updated_at);
