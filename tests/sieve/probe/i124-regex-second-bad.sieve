require "regex";
if address :regex "from" ["ok.*", "bad)"] { keep; }
