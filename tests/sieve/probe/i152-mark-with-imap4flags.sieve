require "imap4flags";
mark;
