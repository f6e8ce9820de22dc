require "imap4flags";
addflag "\\Bogus";
