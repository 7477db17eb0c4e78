-- The retention purge pages through recordings by status in id order.
CREATE INDEX ix_recording_status_id ON kw_recording (status, id);
