require ["reject"];
reject "first";
reject "second";
