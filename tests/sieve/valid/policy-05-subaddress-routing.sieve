# Policy: route plus-addressed mail into per-tag folders
require ["envelope", "subaddress", "fileinto", "mailbox", "variables"];

if envelope :detail :matches "to" "*" {
    set :lower "tag" "${1}";
    if string :is "${tag}" "" {
        # "user+@example.com": empty detail, deliver normally
        keep;
    } elsif string :matches "${tag}" ["spam", "junk"] {
        fileinto "Junk";
    } else {
        fileinto :create "Tags/${tag}";
    }
}
