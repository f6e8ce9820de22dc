require "ihave";
if true { if ihave "fileinto" { keep; } }
fileinto "x";
