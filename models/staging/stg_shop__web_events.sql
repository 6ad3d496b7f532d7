with

source as (
    select * from {{ source('shop', 'web_events') }}
),

renamed as (
    select
        event_id,
        session_id,
        cast(customer_id as integer) as customer_id,
        cast(product_id as integer) as product_id,
        page_path,
        ip_address,
        cast(cast(occurred_at as timestamp with time zone) at time zone 'UTC' as timestamp) as occurred_at_utc,
        lower(trim(event_type)) as event_type
    from source
)

select * from renamed
