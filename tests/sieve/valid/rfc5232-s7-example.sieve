# RFC 5232 section 7 (Examples)
require ["imap4flags", "fileinto", "variables"];

if size :over 1M {
    addflag "MyFlags" "Big";
    if header :is "From" "boss@company.example.com" {
        # The message will be marked as "\Flagged Big" when filed
        # into mailbox "Big messages"
        addflag "MyFlags" "\\Flagged";
    }
    fileinto :flags "${MyFlags}" "Big messages";
}

if header :is "From" "grandma@example.net" {
    addflag "MyFlags" ["\\Answered", "$MDNSent"];
    # If the message is bigger than 1Mb it will be marked as
    # "Big \Answered $MDNSent" when filed into mailbox "grandma".
    # If the message is shorter than 1Mb it will be marked as
    # "\Answered $MDNSent"
    fileinto :flags "${MyFlags}" "GrandMa";
}

# Handle messages from known mailing lists
# Move messages from IETF filter discussion list to filter folder
if header :is "Sender" "owner-ietf-mta-filters@example.org" {
    set "MyFlags" "\\Flagged $Work";
    # Message will have both "\Flagged" and $Work flags
    keep :flags "${MyFlags}";
}

# Some other message - just keep it, with the flags
# accumulated so far in the internal variable
keep;
