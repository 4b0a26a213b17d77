-- The topic the caller chose in the telephony's voice menu (the PBX sends it with the
-- ringing event): it names the inbound script the agent is offered first. Not personal
-- data. Expand-only: a new nullable column.
ALTER TABLE telephony_events ADD COLUMN topic TEXT;
