# purpose: RFC 5229 3 example: text: with variables, case-insensitive names, used as vacation reason
require ["variables", "vacation"];
set "honorific"  "Mr";
set "first_name" "Wile";
set "last_name"  "Coyote";
set "vacation" text:
Dear ${HONORIFIC} ${last_name},
I'm out, please leave a message after the meep.
.
;
vacation :subject "Re: ${first_name}" "${vacation}";
