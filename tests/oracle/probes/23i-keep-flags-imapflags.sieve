require "imapflags";
keep :flags "x";
