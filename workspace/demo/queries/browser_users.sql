-- Every browser seen with a signed-in user, paired with that user.
SELECT DISTINCT
    e.browser_id,
    e.user_id
FROM events AS e
WHERE e.user_id IS NOT NULL;
