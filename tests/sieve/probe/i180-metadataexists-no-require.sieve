if metadataexists "INBOX" "/private/x" { keep; }
