require "imapflags";
