# purpose: vacation with every tag, variables in :subject/:from/:handle/reason, :mime reason
require ["vacation", "variables"];
if header :matches "Subject" "*" { set "subj" "${1}"; }
if address :localpart :matches "To" "*" { set "me" "${1}"; }
set "h" "handle-${me}";
vacation :days 14 :subject "Away: ${subj}" :from "Bob Builder <${me}@example.org>"
         :addresses ["bob@example.org", "robert@example.org", "b.builder@example.org"]
         :mime :handle "${h}" text:
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hallo ${me}, ich bin weg. Grüße!
.
;
