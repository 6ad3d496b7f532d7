with

source as (
    select * from {{ source('shop', 'erasure_requests') }}
),

renamed as (
    select
        cast(request_id as integer) as request_id,
        cast(customer_id as integer) as customer_id,
        cast(cast(requested_at as timestamp with time zone) at time zone 'UTC' as timestamp) as requested_at_utc,
        nullif(lower(trim(email)), '') as email,
        lower(trim(request_channel)) as request_channel
    from source
)

select * from renamed
