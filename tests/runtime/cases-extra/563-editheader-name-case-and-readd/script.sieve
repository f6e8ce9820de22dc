# purpose: deleteheader matches names case-insensitively; re-adding the same name
require ["editheader", "fileinto"];
deleteheader "x-list";
addheader "X-LIST" "new";
if exists "X-List" {
  fileinto "exists-yes";
} else {
  fileinto "exists-no";
}
if header :is "x-list" "new" {
  fileinto "is-new-yes";
} else {
  fileinto "is-new-no";
}
if not header :is "X-List" ["one", "two"] {
  fileinto "old-gone-yes";
} else {
  fileinto "old-gone-no";
}
