require "body";
if body :content "multipart" :contains "x" { keep; }
if body :content "message/rfc822" :contains "x" { keep; }
