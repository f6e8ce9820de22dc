require ["ihave", "fileinto"];
if ihave "fileinto" { fileinto "has-fileinto"; }
if ihave "nonexistent-ext" { fileinto "has-bogus"; }
