require "duplicate";
if duplicate :seconds 5 :last :handle "h" :header "Message-ID" { keep; }
