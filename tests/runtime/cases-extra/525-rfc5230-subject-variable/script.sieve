# purpose: RFC 5230 4.3 example with an RFC 2047 encoded subject
require ["vacation", "variables"];
if header :matches "subject" "*" {
    vacation :subject "Automatic response to: ${1}"
             "I'm away";
}
