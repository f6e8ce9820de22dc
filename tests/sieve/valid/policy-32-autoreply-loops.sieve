# Policy: never auto-respond to automated mail
require ["vacation", "envelope"];

if anyof (header :contains "Auto-Submitted" ["auto-replied", "auto-generated"],
          header :is "Precedence" ["bulk", "junk", "list"],
          exists ["List-Id", "List-Unsubscribe", "X-Autoreply"],
          envelope :is "from" "",
          envelope :localpart :matches "from" ["*-bounces*", "mailer-daemon", "noreply*", "no-reply*"]) {
    keep;
    stop;
}
vacation :days 1 "I'm currently away; your message will be read later.";
