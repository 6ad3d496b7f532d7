with

source as (
    select * from {{ source('shop', 'customers') }}
),

renamed as (
    select
        cast(customer_id as integer) as customer_id,
        cast(marketing_opt_in as boolean) as is_marketing_opt_in,
        cast(signed_up_at as timestamp) as signed_up_at_utc,
        cast(updated_at as timestamp) as updated_at_utc,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        nullif(lower(trim(email)), '') as email,
        nullif(trim(phone), '') as phone,
        trim(street_address) as street_address,
        trim(city) as city,
        trim(postal_code) as postal_code,
        upper(trim(country_code)) as country_code,
        lower(trim(tier)) as tier
    from source
)

select * from renamed
