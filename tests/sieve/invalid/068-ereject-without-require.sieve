# expect: 2:1: requires the "ereject" extension
ereject "No thanks.";
