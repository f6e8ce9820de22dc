require ["vacation","reject"];
vacation "x";
reject "y";
