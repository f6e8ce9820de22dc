# purpose: exec.txt shows the generated 'Auto: ' subject
require ["vacation"];
vacation "away";
