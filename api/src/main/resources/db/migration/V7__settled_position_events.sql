-- A position's close is final: a change of it that sorts after its close (a mark taken at a later market time than the
-- closing fill, which the venue dated at the price it filled at) is not part of its history. Every reader of position
-- history (an agent's positions and P&L, the leaderboard) reads this view.
CREATE VIEW settled_position_events AS
SELECT p.*
FROM position_events p
WHERE NOT EXISTS (SELECT 1 FROM position_events c
                  WHERE c.agent_id = p.agent_id AND c.position_id = p.position_id AND c.kind = 'CLOSED'
                    AND (c.time, c.event_id) < (p.time, p.event_id));
