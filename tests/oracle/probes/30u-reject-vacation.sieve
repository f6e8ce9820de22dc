require ["reject","vacation"];
reject "x";
vacation "y";
