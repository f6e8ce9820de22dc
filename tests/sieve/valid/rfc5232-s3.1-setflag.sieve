# RFC 5232 section 3.1 (setflag), internal-variable form
require "imap4flags";
if size :over 500K {
    setflag "\\Deleted";
}
