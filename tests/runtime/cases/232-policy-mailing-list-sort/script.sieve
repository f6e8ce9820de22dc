require ["fileinto", "variables"];
if header :matches "List-Id" "*<*.*>*" { fileinto "Lists/${2}"; }
