if address :all :is "from" "a@b.example" { keep; }
if address :localpart :matches "from" "*admin*" { keep; }
if address :domain :contains "from" "example" { keep; }
if address ["from","sender","reply-to"] "x@y.example" { keep; }
