# RFC 5228 section 2.7.3: explicit i;ascii-casemap (the default) and
# i;octet comparators; neither needs a require
if header :contains :comparator "i;ascii-casemap" "Subject" "make money fast" {
    discard;
}
if address :is :comparator "i;octet" :localpart "From" "Postmaster" {
    keep;
}
