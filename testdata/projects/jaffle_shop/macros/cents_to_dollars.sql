{# A dispatched macro: postgres__ wins over default__ on Postgres. #}
{% macro cents_to_dollars(column_name, scale=2) -%}
    {{ return(adapter.dispatch('cents_to_dollars', 'jaffle_shop')(column_name, scale)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column_name, scale) -%}
    ({{ column_name }} / 100)::numeric(16, {{ scale }})
{%- endmacro %}

{% macro postgres__cents_to_dollars(column_name, scale) -%}
    ({{ column_name }}::numeric(16, {{ scale }}) / 100)
{%- endmacro %}
