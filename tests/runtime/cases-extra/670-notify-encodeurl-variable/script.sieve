# purpose: :encodeurl of a subject with reserved characters used inside a mailto URI
require ["enotify", "variables"];
if header :matches "Subject" "*" { set :encodeurl "s" "${1}"; }
notify "mailto:me@example.org?subject=${s}&body=From%3A%20alice";
