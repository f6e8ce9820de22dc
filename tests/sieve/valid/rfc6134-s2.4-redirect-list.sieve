# RFC 6134 (extlists) example: list submission sent to all members
require ["extlists", "envelope", "subaddress"];

# Submission from list members is sent to all members
if allof (envelope :detail "to" "mylist",
          header :list "from"
                 "tag:example.com,2010-05-28:mylist") {
  redirect :list "tag:example.com,2010-05-28:mylist";
}
