require ["fileinto", "variables"];
if header :matches "X-Latin" "*" { fileinto "l=${1}"; }
if header :matches "X-Bad" "*" { fileinto "b=${1}"; }
if header :matches "X-Unknown-Cs" "*" { fileinto "u=${1}"; }
