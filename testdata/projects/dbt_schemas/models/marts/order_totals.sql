select
    o.order_id,
    c.name as customer,
    o.amount as ordered,
    coalesce(sum(p.amount), 0) as paid
from {{ ref('stg_orders') }} o
join {{ ref('customers') }} c on c.id = o.customer_id
left join {{ ref('stg_payments') }} p on p.order_id = o.order_id
group by 1, 2, 3
