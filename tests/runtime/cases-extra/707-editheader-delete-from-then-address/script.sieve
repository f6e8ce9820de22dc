# purpose: deleting From, testing address on it, then adding a new From
require ["editheader", "fileinto"];
deleteheader "From";
if exists "From" {
  fileinto "from-exists-yes";
} else {
  fileinto "from-exists-no";
}
if address :all :matches "From" "*" {
  fileinto "from-address-yes";
} else {
  fileinto "from-address-no";
}
addheader :last "From" "Postmaster <postmaster@example.net>";
if address :is "From" "postmaster@example.net" {
  fileinto "from-new-yes";
} else {
  fileinto "from-new-no";
}
