-- Staging: one row per payment; the source records cents.
SELECT id     AS payment_id,
       order_id,
       payment_method,
       round(amount / 100.0, 2) AS amount
FROM raw_payments
