require ["foreverypart", "mime", "fileinto", "variables"];
set "seen" "";
foreverypart {
  if header :mime :contenttype :matches "Content-Type" "*" { set "seen" "${seen}[${1}]"; }
}
fileinto "${seen}";
