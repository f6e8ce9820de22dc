# purpose: addheader with a 2700-character value (implementation limit on header size)
require ["editheader", "fileinto", "variables"];
if header :matches "X-Long" "*" { set "v" "${1}"; }
addheader "X-Copy" "${v}${v}${v}";
if exists "X-Copy" {
  fileinto "copy-exists-yes";
} else {
  fileinto "copy-exists-no";
}
