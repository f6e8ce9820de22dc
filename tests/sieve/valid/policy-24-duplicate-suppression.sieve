# Policy: suppress duplicate deliveries (same Message-ID within a day)
require ["duplicate", "fileinto", "mailbox", "variables"];

if header :matches "Message-ID" "*" {
    if duplicate :uniqueid "${1}" :seconds 86400 :handle "msgid" {
        fileinto :create "Duplicates";
        stop;
    }
}
