# expect: 2:1: requires the "replace" extension
replace "This part was removed.";
