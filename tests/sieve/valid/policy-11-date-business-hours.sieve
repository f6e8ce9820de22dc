# Policy: outside business hours, flag mail for the on-call queue
require ["date", "relational", "fileinto", "imap4flags"];

if anyof (currentdate :zone "+0100" :value "lt" "hour" "08",
          currentdate :zone "+0100" :value "ge" "hour" "18",
          currentdate :zone "+0100" :is "weekday" ["0", "6"]) {
    if header :contains "Subject" ["outage", "down", "urgent"] {
        addflag "\\Flagged";
        fileinto "OnCall";
    }
}
