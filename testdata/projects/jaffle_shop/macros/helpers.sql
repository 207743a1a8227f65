{% macro order_statuses() -%}
    {%- do return(['placed', 'shipped', 'completed', 'return_pending', 'returned']) -%}
{%- endmacro %}

{% macro is_returned(status_column) -%}
    {{ status_column }} in ('returned', 'return_pending')
{%- endmacro %}
