-- a typo on line 3
SELECT user_id,
       count(*) AS n FORM events
GROUP BY user_id
