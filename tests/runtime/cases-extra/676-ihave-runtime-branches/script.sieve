# purpose: RFC 5463 ihave; unknown command inside a false ihave block; ihave enables copy
require ["ihave", "fileinto"];
if ihave "nonexistent-ext" { nonexistent_command; }
elsif ihave ["fileinto", "copy"] { fileinto :copy "has-copy"; }
if not ihave "vnd.bogus" { fileinto "no-bogus"; }
