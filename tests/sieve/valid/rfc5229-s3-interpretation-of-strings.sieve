# RFC 5229 section 3 (Interpretation of Strings).  The RFC lists
# strings and their expansions assuming "company" holds "ACME";
# the fragment is completed with set/require and a string test.
require "variables";

set "company" "ACME";

if string :is "x" [
        "&%${}!",                     # unchanged: empty identifier
        "${doh!}",                    # unchanged: "!" not allowed
        "${full}",                    # => "" (unset variable)
        "${company}",                 # => "ACME"
        "${BAD${Company}",            # => "${BADACME"
        "${President, ${Company} Inc.}" # => "${President, ACME Inc.}"
    ] {
    keep;
}
