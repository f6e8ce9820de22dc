# expect: 4:3: 'extracttext' requires the "variables" extension
require ["foreverypart", "extracttext"];
foreverypart {
  extracttext "text";
}
