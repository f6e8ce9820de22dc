# expect: 2:1: requires the "editheader" extension
addheader "X-Filtered" "yes";
