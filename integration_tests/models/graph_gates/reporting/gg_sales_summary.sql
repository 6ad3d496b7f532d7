{%- set staged = ref('gg_orders_staged') -%}

-- In gg_sales: reads its own group's private and protected models. Every
-- relation is declared, through constructs find_hardcoded_relations must not
-- mistake for a hard-coded name (from raw.orders in a comment).
/* join analytics.payments in a block comment */
with

recent as (
    select
        order_id,
        status,
        'from raw.orders' as origin,
        extract(year from cast('2024-01-01' as date)) as order_year
    from {{ staged }}
    where amount_usd is distinct from 0
),

internal as (
    select order_id
    from (select order_id from {{ ref('gg_orders_internal') }}) as internal_orders
)

select
    recent.order_id,
    recent.status,
    recent.origin,
    recent.order_year
from recent
inner join internal on recent.order_id = internal.order_id
