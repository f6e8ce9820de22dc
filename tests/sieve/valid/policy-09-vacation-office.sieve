# Policy: out-of-office reply with a multi-line message
require ["vacation", "date", "relational"];

if allof (currentdate :value "ge" "date" "2025-12-22",
          currentdate :value "le" "date" "2026-01-04",
          not header :contains "Precedence" ["bulk", "list", "junk"],
          not exists "List-Id") {
    vacation :days 3 :subject "Out of office"
             :addresses ["alice@example.com", "a.smith@example.com"]
    text: # reply body follows; dot-stuffed lines below
Hello,

I am away until 5 January with limited access to email.
..
For urgent matters please contact helpdesk@example.com.
....
Alice
.
;
}
