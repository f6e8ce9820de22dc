# draft-ietf-sieve-regex: the ":quoteregex" modifier to "set"
require ["regex", "variables"];

set "a" "[a-z]+.example.com";
set :quoteregex "b" "${a}";   # => "\[a-z\]\+\.example\.com"
if header :regex "X-Host" "^${b}$" {
    keep;
}
