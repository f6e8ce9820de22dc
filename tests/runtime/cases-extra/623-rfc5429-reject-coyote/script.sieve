# purpose: RFC 5429 2.2 reject example verbatim
require ["reject"];

if header :contains "from" "coyote@desert.example.org" {
    reject text:
I am not taking mail from you, and I don't
want your birdseed, either!
.
;
}
