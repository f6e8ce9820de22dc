require "fileinto";
if anyof (
      allof (header :contains "from" "billing", not header :contains "subject" "ignore"),
      allof (exists "X-Invoice", not exists "X-Test"),
      not anyof (true, false)
    ) {
  fileinto "Billing";
}
