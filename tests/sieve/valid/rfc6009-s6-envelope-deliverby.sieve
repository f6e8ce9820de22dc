# RFC 6009 section 6 (envelope-deliverby) example
require ["envelope", "envelope-deliverby", "relational",
         "comparator-i;ascii-numeric", "fileinto"];

# Check to see if this message needs to be delivered in the
# next hour (bytimerelative is the remaining time in seconds)
if envelope :value "lt" :comparator "i;ascii-numeric"
            "bytimerelative" "3600"
{
   fileinto "urgent";
}

# Check the requested deliver-by mode
if envelope :is "bymode" "RETURN"
{
   keep;
}
