# expect: 4:3: requires the "extracttext" extension
require ["variables", "foreverypart"];
foreverypart {
  extracttext "text";
}
