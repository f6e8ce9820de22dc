# RFC 5231 section 7 (Examples): the tests shown against the sample
# message (received x2, subject, to with two addresses, cc), each
# completed into an if command.
require ["relational", "comparator-i;ascii-numeric"];

# evaluates to true
if address :count "ge" :comparator "i;ascii-numeric"
        ["to", "cc"] ["3"] {
    keep;
}

# evaluates to false
if anyof ( address :count "ge" :comparator "i;ascii-numeric"
                   ["to"] ["3"],
           address :count "ge" :comparator "i;ascii-numeric"
                   ["cc"] ["3"] ) {
    discard;
}

# evaluates to false
if header :count "ge" :comparator "i;ascii-numeric"
        ["received"] ["3"] {
    discard;
}

# evaluates to true
if header :count "ge" :comparator "i;ascii-numeric"
        ["received", "subject"] ["3"] {
    keep;
}

# always false on an RFC 2822 compliant message (counts fields)
if header :count "ge" :comparator "i;ascii-numeric"
        ["to", "cc"] ["3"] {
    discard;
}
