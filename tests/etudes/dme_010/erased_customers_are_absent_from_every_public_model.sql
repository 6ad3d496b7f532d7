-- Customers who asked for erasure disappear from every public model. Read from
-- the graph: every model of the etude with `access: public` that has a
-- customer_id column. The customers are the known answer the oracle resolves
-- from the erasure requests, by id or by e-mail only
-- (seeds/expected/expected_dme_010__erased_customers.csv). A failing row is an
-- erased customer still in a public model, with how many rows name them. The
-- marketing export and the web activity must be public models.
{%- set folder = 'models/etudes/dme_010_governance/' %}
{%- set erased = ref('expected_dme_010__erased_customers') %}
{%- set public_models = [] %}
{%- set with_customer_id = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.original_file_path.startswith(folder)
        and node.access == 'public' %}
        {%- do public_models.append(node.name) %}
        {%- set relation = adapter.get_relation(node.database, node.schema, node.alias) %}
        {%- if relation is not none %}
            {%- for column in adapter.get_columns_in_relation(relation) if column.name | lower == 'customer_id' %}
                {%- do with_customer_id.append((node.name, relation)) %}
            {%- endfor %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

with

-- Used inside the loop over public models, which sqlfluff does not follow.
erased_customers as (  -- noqa: ST03
    select customer_id from {{ erased }}
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
    {%- for name, relation in with_customer_id %}
    select
        '{{ name }}' as public_model,
        erased.customer_id
    from {{ relation }} as public_rows
    inner join erased_customers as erased
        on public_rows.customer_id = erased.customer_id
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
        select
            cast(null as varchar) as public_model,
            cast(null as integer) as customer_id
        where 1 = 0
    {%- endfor %}
),

still_there as (
    select
        public_model,
        customer_id,
        count(*) as row_count,
        'customer asked for erasure, still in a public model' as failure_reason
    from erased_rows
    group by public_model, customer_id
)

select * from missing_public_models
union all
select * from still_there
