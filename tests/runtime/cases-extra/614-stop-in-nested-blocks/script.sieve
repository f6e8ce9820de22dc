# purpose: stop inside three nested blocks ends the script
require ["fileinto", "variables"];
set "v" "start";
if true {
    if header :contains "Subject" "report" {
        fileinto "inner";
        if anyof (false, true) {
            keep;
            stop;
        }
        fileinto "not-reached-1";
    }
    fileinto "not-reached-2";
}
fileinto "not-reached-3";
