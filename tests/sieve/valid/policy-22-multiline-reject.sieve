# Policy: reject with a long multi-line explanation
require ["reject", "envelope"];

if envelope :domain :is "from" ["spam.example.net", "bulk.example.org"] {
    reject text:   # explanation text for the bounce
Your message was not delivered.

The sending domain is listed in our local block list.
If you believe this is an error, contact postmaster@example.com
and quote the reference below.
..reference: POLICY-22
.
;
}
