# purpose: realistic combination: plus-address folder with :lower, :copy to Lists, flags on implicit keep
require ["fileinto", "imap4flags", "variables", "envelope", "subaddress", "relational", "comparator-i;ascii-numeric", "spamtest", "editheader", "copy"];
# a user-level filter as people write them
if spamtest :value "ge" :comparator "i;ascii-numeric" "6" {
    addflag "$Junk";
    addheader "X-Filed-As" "spam";
    fileinto "Junk";
    stop;
}
if envelope :detail :matches "to" "*" {
    if not string :is "${1}" "" {
        set :lower "folder" "${1}";
        fileinto :flags "\\Seen" "Plus/${folder}";
    }
}
if anyof (header :contains "List-Id" "announce", exists "List-Unsubscribe") {
    fileinto :copy "Lists";
}
if header :count "ge" :comparator "i;ascii-numeric" "Received" "2" { addflag "relayed"; }
