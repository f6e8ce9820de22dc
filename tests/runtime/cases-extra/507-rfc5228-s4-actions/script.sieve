# purpose: RFC 5228 4.1/4.2/5.1 examples; From with two addresses, case-insensitive :is
require "fileinto";
if header :contains ["from"] "coyote" {
    fileinto "INBOX.harassment";
}
if header :contains ["from"] ["idiot@example.com"] {
    discard;
}
if address :is :all "from" "tim@example.com" {
    redirect "bart@example.com";
}
