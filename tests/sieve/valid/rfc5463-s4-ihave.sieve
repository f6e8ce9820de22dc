# RFC 5463 (ihave): commands guarded by ihave need not be in require;
# constructed from the section's usage text
require "ihave";

if ihave "fileinto" {
    if header :contains "subject" "ietf" {
        fileinto "ietf";
    }
}

if ihave ["envelope", "subaddress"] {
    if envelope :detail "to" "lists" {
        keep;
    }
}
