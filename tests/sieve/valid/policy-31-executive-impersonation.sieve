# Policy: display-name impersonation of executives from outside
require ["fileinto", "editheader", "variables"];

if allof (header :matches "From" ["*CEO*<*>*", "*Jane Doe*<*>*"],
          not address :domain :is "From" "example.com") {
    addheader "X-Impersonation-Suspect" "display-name";
    deleteheader "Subject";
    addheader "Subject" "[SUSPECTED IMPERSONATION]";
    fileinto "Quarantine";
}
