-- Orders and revenue (payments are in cents) by order status.
SELECT o.status,
       count(DISTINCT o.id)           AS orders,
       round(sum(p.amount) / 100.0, 2) AS amount
FROM raw_orders o
JOIN raw_payments p ON p.order_id = o.id
GROUP BY o.status
ORDER BY o.status
