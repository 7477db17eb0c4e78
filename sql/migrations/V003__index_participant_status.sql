-- The connected-participant gauge counts participants by status across all calls on every sweep.
CREATE INDEX ix_participant_status ON kw_participant (status);
