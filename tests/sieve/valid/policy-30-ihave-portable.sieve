# Policy: portable script that adapts to the server's extensions
require ["ihave", "fileinto"];

if ihave "spamtest" {
    if spamtest "5" {
        fileinto "Junk";
    }
}
if ihave "editheader" {
    addheader "X-Filtered-By" "portable-policy";
}
if not ihave "envelope" {
    error "envelope extension is required by this policy";
}
