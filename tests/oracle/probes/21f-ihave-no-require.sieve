if ihave "fileinto" { fileinto "x"; }
