# Policy: file junk into whatever folder carries the \Junk attribute
require ["fileinto", "special-use", "mailbox", "spamtest",
         "relational", "comparator-i;ascii-numeric"];

if spamtest :value "ge" :comparator "i;ascii-numeric" "6" {
    if specialuse_exists "\\Junk" {
        fileinto :specialuse "\\Junk" "Junk";
    } else {
        fileinto :create "Junk";
    }
}
