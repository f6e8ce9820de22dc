# Policy: behave differently depending on the Sieve environment
require ["environment", "variables", "fileinto", "editheader"];

if environment :matches "host" "*" {
    set "host" "${1}";
}
if environment :is "phase" "post" {
    stop;
}
if environment :is "location" "MDA" {
    addheader "X-Filtered-On" "${host}";
}
if environment :matches "remote-ip" ["10.*", "192.168.*"] {
    fileinto "Internal";
}
