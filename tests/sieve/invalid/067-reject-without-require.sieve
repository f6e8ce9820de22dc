# expect: 2:1: requires the "reject" extension
reject "No thanks.";
