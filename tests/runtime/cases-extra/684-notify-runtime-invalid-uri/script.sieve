# purpose: notify with a variable URI that is not a valid mailto URI (run-time error?)
require ["enotify", "variables", "fileinto"];
set "to" "not an address";
fileinto "before";
notify "mailto:${to}";
