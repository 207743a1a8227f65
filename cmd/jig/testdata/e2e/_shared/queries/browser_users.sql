SELECT DISTINCT browser_id, user_id
FROM events
WHERE user_id IS NOT NULL
