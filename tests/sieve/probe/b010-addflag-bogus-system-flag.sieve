require "imap4flags";
addflag "\\Important";
