require ["reject", "envelope"];
if envelope :domain :is "from" ["spam.example", "bad.example"] {
  reject "550 sender domain blocked";
}
