# RFC 5228 section 2.4.2.4 (Encoding Characters Using "encoded-character").
# The RFC lists string values and their expansions; each non-error
# example string is used here as a key in a header test.
require "encoded-character";

if header :is "X-Test" [
        "$${hex:40}",           # => "$@"
        "${hex: 40 }",          # => "@"
        "${HEX: 40}",           # => "@"
        "${hex:40",             # => "${hex:40"  (not terminated)
        "${hex:400}",           # => "${hex:400}" (not a whole octet)
        "${hex:4${hex:30}}",    # => "${hex:40}" (no recursion)
        "${unicode:40}",        # => "@"
        "${ unicode:40}",       # => "${ unicode:40}" (space not allowed)
        "${UNICODE:40}",        # => "@"
        "${UnICoDE:0000040}",   # => "@"
        "${Unicode:40}",        # => "@"
        "${Unicode:Cool}"       # => "${Unicode:Cool}"
    ] {
    keep;
}
