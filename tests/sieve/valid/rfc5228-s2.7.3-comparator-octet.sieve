# RFC 5228 section 2.7.3 (Comparators): i;octet is case-sensitive
if header :contains :comparator "i;octet" "Subject"
        "MAKE MONEY FAST" {
    discard;
}
