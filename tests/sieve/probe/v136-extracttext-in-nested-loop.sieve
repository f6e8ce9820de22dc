require ["foreverypart", "extracttext", "variables", "mime"];
foreverypart {
  foreverypart :name "inner" {
    extracttext "x";
  }
}
