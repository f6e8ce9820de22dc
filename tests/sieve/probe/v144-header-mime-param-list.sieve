require ["mime", "foreverypart"];
foreverypart {
  if header :mime :param ["filename", "name"] :matches "Content-Disposition" "*.zip" { discard; }
}
