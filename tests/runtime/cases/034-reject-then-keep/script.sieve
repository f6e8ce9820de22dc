require ["reject"];
reject "no";
keep;
