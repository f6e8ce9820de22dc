# purpose: RFC 7352 3 example 2: ALERT with :uniqueid
require ["duplicate", "variables"];

if header :matches "subject" "ALERT: *" {
  if duplicate :seconds 60 :uniqueid "${1}" {
    discard;
  } else {
    redirect "pager@example.com";
  }
}
