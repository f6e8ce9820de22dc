if address "X-Original-To" "a" { keep; }
