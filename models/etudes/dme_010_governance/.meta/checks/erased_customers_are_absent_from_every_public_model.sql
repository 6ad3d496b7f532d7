-- Customers who asked for erasure disappear from every public model. Read from
-- the graph: every model of the etude with `access: public` that has a
-- customer_id column. The customers are the known answer the oracle resolves
-- from the erasure requests, by id or by e-mail only
-- (seeds/expected/expected_dme_010__erased_customers.csv). A failing row is an
-- erased customer still in a public model, with how many rows name them,
-- either by customer_id or by a session_id of theirs (a session of an erased
-- customer still names them, even with its customer_id blanked). The
-- marketing export and the web activity must be public models.
{%- set folder = 'models/etudes/dme_010_governance/' %}
{%- set erased = ref('expected_dme_010__erased_customers') %}
{%- set public_models = [] %}
{#- (public model, relation, a column that names a customer: customer_id or session_id) #}
{%- set naming_columns = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.original_file_path.startswith(folder)
        and node.access == 'public' %}
        {%- do public_models.append(node.name) %}
        {%- set relation = adapter.get_relation(node.database, node.schema, node.alias) %}
        {%- if relation is not none %}
            {%- for column in adapter.get_columns_in_relation(relation)
                if column.name | lower in ('customer_id', 'session_id') %}
                {%- do naming_columns.append((node.name, relation, column.name | lower)) %}
            {%- endfor %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

with

-- Used inside the loop over public models, which sqlfluff does not follow.
erased_customers as (  -- noqa: ST03
    select customer_id from {{ erased }}
),

-- A CTE of its own: `dbt build --empty` renders a ref() as an aliased subquery.
web_events as (  -- noqa: ST03
    select * from {{ ref('stg_shop__web_events') }}
),

-- What names an erased customer: their id, and the sessions in which they were
-- logged in.
erased_keys as (  -- noqa: ST03
    select
        'customer_id' as key_column,
        cast(customer_id as varchar) as key_value,
        customer_id
    from erased_customers
    union
    select
        'session_id' as key_column,
        events.session_id as key_value,
        events.customer_id
    from web_events as events
    inner join erased_customers
        on events.customer_id = erased_customers.customer_id
),

required_public_models as (
    select 'dme_010__marketing_customers' as public_model
    union all
    select 'dme_010__web_activity' as public_model
),

missing_public_models as (
    select
        public_model,
        cast(null as integer) as customer_id,
        cast(null as bigint) as row_count,
        'not a public model: the policy covers it only when it declares access: public' as failure_reason
    from required_public_models
    where public_model not in ({% for name in public_models %}'{{ name }}', {% endfor %}'')
),

erased_rows as (
    {%- for name, relation, key_column in naming_columns %}
    select
        '{{ name }}' as public_model,
        erased.customer_id,
        erased.key_column
    from {{ relation }} as public_rows
    inner join erased_keys as erased
        on
            cast(public_rows.{{ key_column }} as varchar) = erased.key_value
            and erased.key_column = '{{ key_column }}'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
        select
            cast(null as varchar) as public_model,
            cast(null as integer) as customer_id,
            cast(null as varchar) as key_column
        where 1 = 0
    {%- endfor %}
),

still_there as (
    select
        public_model,
        customer_id,
        count(*) as row_count,
        case
            when min(key_column) = 'customer_id'
                then 'customer asked for erasure, still in a public model'
            else 'customer asked for erasure, a session of theirs still in a public model'
        end as failure_reason
    from erased_rows
    group by public_model, customer_id
)

select * from missing_public_models
union all
select * from still_there
