require "vacation";
vacation :days 7 :subject "Out of office"
  :addresses ["me@example.org", "me.alias@example.org"]
  "I'm away until Monday. For urgent matters call +1 555 0100.";
