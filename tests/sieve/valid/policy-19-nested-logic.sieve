# Policy: nested anyof / allof / not combinations
require ["fileinto", "envelope"];

if allof (
        anyof (header :contains "Subject" ["invoice", "payment"],
               header :contains "X-Mailer" "Billing"),
        not anyof (address :domain :is "From" "example.com",
                   envelope :domain :is "from" "example.com"),
        not allof (exists "DKIM-Signature",
                   header :contains "Authentication-Results" "dkim=pass")
    ) {
    fileinto "Phishing-Suspects";
    stop;
}

if not not exists "X-Legit" {
    keep;
}
