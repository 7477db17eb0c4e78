-- Lookups of data-subject requests (export and erasure of one person's data): the chat messages a
-- participant sent, and the call events about a participant or done by an actor.
CREATE INDEX ix_chat_message_participant ON kw_chat_message (participant_id);
CREATE INDEX ix_call_event_participant ON kw_call_event (participant_id);
CREATE INDEX ix_call_event_actor ON kw_call_event (actor);
