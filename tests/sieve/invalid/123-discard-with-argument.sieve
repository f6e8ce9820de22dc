# expect: 2:9: too many arguments for 'discard'
discard "now";
