require "fileinto";
if header :is "X-Prio" "1" { fileinto "p1"; }
elsif header :is "X-Prio" "2" { fileinto "p2"; }
elsif header :is "X-Prio" "3" { fileinto "p3"; }
elsif header :is "X-Prio" "4" { fileinto "p4"; }
elsif header :is "X-Prio" "5" { fileinto "p5"; }
elsif header :is "X-Prio" "6" { fileinto "p6"; }
else { keep; }
