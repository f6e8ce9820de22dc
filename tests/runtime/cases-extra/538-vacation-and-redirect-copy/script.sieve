# purpose: vacation together with redirect :copy (implicit keep stays)
require ["vacation", "copy"];
redirect :copy "assistant@example.net";
vacation "Away; my assistant has a copy.";
