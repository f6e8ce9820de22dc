# RFC 8579 (special-use) section 3: specialuse_exists test, with
# ":create" from the "mailbox" extension
require ["fileinto", "special-use", "mailbox"];

if specialuse_exists "\\Junk" {
    fileinto :specialuse "\\Junk" "Spam";
} else {
    fileinto :create "Spam";
}

if specialuse_exists "INBOX" ["\\Archive", "\\Sent"] {
    keep;
}
