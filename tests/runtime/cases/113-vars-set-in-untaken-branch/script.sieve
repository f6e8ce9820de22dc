require ["variables", "fileinto"];
set "x" "init";
if false { set "x" "changed"; }
fileinto "x=${x}";
