require "imap4flags";
keep :flags "a" :flags "b";
