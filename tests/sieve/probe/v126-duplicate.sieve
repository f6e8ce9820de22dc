require ["duplicate", "fileinto"];
if duplicate { discard; }
if duplicate :header "Message-ID" :seconds 86400 :last { discard; }
if duplicate :handle "list" :uniqueid "abc" { discard; }
if duplicate :seconds 60 :handle "x" :header "X-Msg" { discard; }
