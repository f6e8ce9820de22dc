# draft-ietf-sieve-regex: interaction with variables (match groups
# become numbered match variables)
require ["regex", "variables", "fileinto"];

if header :regex "List-ID" "<([^.@>]*)[.@]" {
    fileinto "INBOX.lists.${1}"; stop;
}

# Imagine the header
# Subject: [acme-users] [fwd] version 1.0 is out
if header :regex "Subject" "^\\[(.*)\\] (.*)$" {
    # ${1} will hold "acme-users",
    # ${2} will hold "[fwd] version 1.0 is out"
    fileinto "INBOX.lists.${1}"; stop;
}
