# purpose: foreverypart visiting order (root? message/rfc822 contents?), break :name
require ["foreverypart", "mime", "fileinto", "variables"];
set "seen" "";
foreverypart :name "outer" {
  if header :mime :contenttype :matches "Content-Type" "*" { set "seen" "${seen} ${1}"; }
  if header :mime :contenttype "Content-Type" "application/zip" { break :name "outer"; }
}
fileinto "seen=${seen}";
set "all" "";
foreverypart {
  if header :mime :contenttype :matches "Content-Type" "*" { set "all" "${all} ${1}"; }
}
fileinto "all=${all}";
