-- Owned by the console: agents the telephony system announced an inbound call for (ringing
-- or answered) and has not announced as ended since. The cases service reads it to grant an
-- inbound open only to an agent who is on such a call.
CREATE VIEW live_inbound AS
SELECT e.agent_id, e.at FROM telephony_events e
WHERE e.event IN ('ringing', 'answered')
  AND NOT EXISTS (SELECT 1 FROM telephony_events x
                  WHERE x.agent_id = e.agent_id AND x.event = 'ended' AND x.at >= e.at);
CREATE INDEX telephony_events_agent ON telephony_events(agent_id, at);
