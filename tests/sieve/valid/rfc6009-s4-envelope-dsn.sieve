# RFC 6009 section 4 (envelope-dsn) example
require ["envelope", "envelope-dsn", "relational",
         "comparator-i;ascii-numeric"];

# Check whether SUCCESS notifications were requested,
# irrespective of any other requests that were made
if envelope "notify" "SUCCESS"
{
   # do whatever
}

# Check whether only FAILURE notifications were requested
if allof ( envelope "notify" "FAILURE",
           envelope :comparator "i;ascii-numeric"
                    :count "eq" "notify" "1"
         )
{
   # do whatever
}

# See if the orcpt is an RFC822 address in the example.com
# domain
if envelope :matches "orcpt" "rfc822;*@example.com"
{
   # do whatever
}
