require ["include", "variables"];
global "spamscore";
global ["a", "b"];
set "spamscore" "0";
include :personal "inc-helper";
include :once :optional "does-not-exist";
include :global :once "inc-helper";
if string :is "${spamscore}" "10" { return; }
