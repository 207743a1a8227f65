{% set payment_methods = var('payment_methods') %}

with orders as (

    select * from {{ ref('stg_orders') }}

),

payments as (

    select * from {{ ref('stg_payments') }}

),

order_payments as (

    select
        order_id,
        {% for payment_method in payment_methods -%}
        sum(case when payment_method = '{{ payment_method }}' then amount else 0 end) as {{ payment_method }}_amount,
        {% endfor -%}
        sum(amount) as total_amount
    from payments
    group by order_id

),

final as (

    select
        {{ dbt_utils.star(from=ref('stg_orders'), relation_alias='orders', except=['order_month', 'is_returned']) }},
        {% for payment_method in payment_methods -%}
        order_payments.{{ payment_method }}_amount,
        {% endfor -%}
        order_payments.total_amount as amount
    from orders
    left join order_payments on orders.order_id = order_payments.order_id
    {% if is_incremental() %}
    where orders.order_date > (select max(order_date) from {{ this }})
    {% endif %}

)

select * from final
