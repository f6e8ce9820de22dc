# purpose: realistic auto-reply exceptions: envelope localpart noreply* (case-insensitive)
require ["vacation", "variables", "envelope", "date", "relational", "fileinto"];
if anyof (exists "list-id", exists "list-unsubscribe",
          header :contains "precedence" ["bulk", "list", "junk"],
          header :matches "auto-submitted" "auto-*",
          envelope :localpart :matches "from" ["*-bounces", "mailer-daemon", "noreply*"]) {
    keep;
} elsif date :value "ge" :originalzone "date" "date" "2024-03-01" {
    vacation :days 3 "away";
}
