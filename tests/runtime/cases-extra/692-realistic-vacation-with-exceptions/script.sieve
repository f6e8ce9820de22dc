# purpose: realistic auto-reply with exception list and a date condition
require ["vacation", "variables", "envelope", "date", "relational", "fileinto"];
# SOGo/mailcow-like auto-reply with exceptions
if anyof (exists "list-id", exists "list-unsubscribe",
          header :contains "precedence" ["bulk", "list", "junk"],
          header :matches "auto-submitted" "auto-*",
          envelope :localpart :matches "from" ["*-bounces", "mailer-daemon", "noreply*"]) {
    keep;
} elsif date :value "ge" :originalzone "date" "date" "2024-03-01" {
    if header :matches "subject" "*" { set "s" "${1}"; }
    vacation :days 3 :subject "Re: ${s}" :addresses ["bob@example.org"] :from "Bob <bob@example.org>"
      "I am on leave until 2024-03-20. Your mail about \"${s}\" will be read later.";
}
