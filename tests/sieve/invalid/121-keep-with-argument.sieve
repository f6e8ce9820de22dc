# expect: 2:6: too many arguments for 'keep'
keep "INBOX";
