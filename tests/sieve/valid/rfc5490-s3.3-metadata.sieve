# RFC 5490 section 3.3 (Test metadata)
require ["mboxmetadata", "vacation"];

if metadata :is "INBOX"
   "/private/vendor/vendor.isode/auto-replies" "on" {

   vacation text:
I'm away on holidays till March 2009.
Expect a delay.
.
;
}
