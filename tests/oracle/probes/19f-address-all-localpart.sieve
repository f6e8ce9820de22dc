if address :all :localpart "from" "y" { keep; }
