require "ihave";
if not ihave "fileinto" { keep; } else { fileinto "x"; }
