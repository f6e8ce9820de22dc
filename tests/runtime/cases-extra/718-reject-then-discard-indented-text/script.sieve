# purpose: reject followed by discard (allowed), text: with indentation kept
require ["reject", "fileinto"];
if header :contains "Subject" "report" {
    reject text:
Sorry.
  Second line indented.
.
;
    discard;
}
