require ["fileinto", "envelope"];

if address :is :domain "from" ["example.com", "example.net"] {
    fileinto "Work";
} elsif address :is "from" ["mom@family.example", "dad@family.example"] {
    fileinto "Family";
} elsif envelope :is "to" "me+shop@example.org" {
    fileinto "Shopping";
} else {
    keep;
}
