require ["reject"];
reject "Message refused by policy.";
