if header "" "y" { keep; }
