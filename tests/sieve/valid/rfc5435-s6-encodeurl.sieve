# RFC 5435 section 6 (Modifier encodeurl to the set command)
require ["enotify", "variables"];

set :encodeurl "body_param" "Safe body&evil=evilbody";

notify "mailto:tim@example.com?body=${body_param}";
