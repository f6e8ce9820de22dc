# purpose: invalid UTF-8 bytes in a header
require ["fileinto", "variables"];
if header :contains "Subject" "Stra" {
  fileinto "ascii-part-yes";
} else {
  fileinto "ascii-part-no";
}
if header :matches "Subject" "*" { set "s" "${1}"; }
set :length "n" "${s}";
fileinto "len=${n}";
