require ["variables", "reject"];
if header :matches "Subject" "*" { reject "Your message \"${1}\" was refused"; }
