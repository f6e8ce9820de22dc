# Policy: archive list mail into Archive/YYYY/MM using the Date header
require ["date", "variables", "fileinto", "mailbox"];

if exists "List-Id" {
    if date :matches "date" "year" "*" { set "y" "${1}"; }
    if date :matches "date" "month" "*" { set "m" "${1}"; }
    if string :is "${y}" "" {
        fileinto :create "Archive/undated";
    } else {
        fileinto :create "Archive/${y}/${m}";
    }
}
