if header "bad name:" "y" { keep; }
