-- Gross and net revenue per user over paid orders. Net revenue is what the
-- user paid after discounts, before tax.
SELECT
    o.user_id,
    SUM(o.gross_revenue)              AS gross_revenue,
    SUM(o.gross_revenue + o.discount) AS net_revenue
FROM orders AS o
WHERE o.status = 'paid'
GROUP BY o.user_id;
