require "reject";
if header :contains "subject" "viagra" {
  reject text: # explain why
Your message was refused by the recipient's filter.
.
;
}
