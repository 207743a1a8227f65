{{ config(materialized='view') }}

with source as (

    select * from {{ source('jaffle', 'raw_orders') }}

),

renamed as (

    select
        id as order_id,
        user_id as customer_id,
        cast(order_date as date) as order_date,
        {{ dbt.date_trunc('month', 'order_date') }} as order_month,
        status,
        {{ is_returned('status') }} as is_returned

    from source
    where order_date >= '{{ var("min_order_date") }}'

)

select * from renamed
