require "mailbox";
if mailboxexists "ÿ" { keep; }
