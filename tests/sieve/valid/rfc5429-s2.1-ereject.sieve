# RFC 5429 section 2.1 (Action ereject)
require ["ereject"];

if address "from" "someone.i.hate@example.com"
{
    ereject "I no longer accept mail from this address";
}
