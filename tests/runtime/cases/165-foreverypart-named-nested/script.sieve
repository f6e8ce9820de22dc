require ["foreverypart", "mime", "fileinto", "variables"];
set "log" "";
foreverypart :name "outer" {
  if header :mime :subtype "Content-Type" "alternative" {
    foreverypart {
      if header :mime :subtype "Content-Type" "html" { set "log" "${log}H"; break :name "outer"; }
      set "log" "${log}i";
    }
  }
  set "log" "${log}o";
}
fileinto "log=${log}";
