SELECT user_id, name, plan, balance, prefs, labels, seen_at, ''::text AS empty, NULL::text AS nothing
FROM users
ORDER BY user_id
