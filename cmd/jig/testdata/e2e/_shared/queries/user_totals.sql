SELECT e.user_id, sum(e.amount) AS total, avg(e.score) AS avg_score, count(*) AS n
FROM events e
GROUP BY e.user_id
ORDER BY e.user_id
