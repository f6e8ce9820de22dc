require ["variables", "fileinto"];
if header :matches "Subject" "[*] *" {
  set "tag" "${1}";
  set "rest" "${2}";
  fileinto "Tagged/${tag}";
}
if address :matches "from" "*@*" { set "dom" "${2}"; }
if string :is "${0}" "" { keep; }
