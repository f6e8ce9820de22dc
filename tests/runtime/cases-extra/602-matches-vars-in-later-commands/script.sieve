# purpose: match variables carried into later set/fileinto; non-greedy splitting
require ["fileinto", "variables", "envelope"];
if address :matches "From" "*@*.*" { set "user" "${1}"; set "dom" "${2}"; set "tld" "${3}"; }
if envelope :matches "to" "*+*@*" { set "det" "${2}"; }
if header :matches "Subject" "* *" { set :upper "w1" "${1}"; }
fileinto "user=${user} dom=${dom} tld=${tld} det=${det} w1=${w1}";
if string :matches "${user}.${dom}" "*.*" { fileinto "again=${1}|${2}"; }
if header :matches "Message-ID" "<*@*>" { fileinto "mid=${1}"; }
