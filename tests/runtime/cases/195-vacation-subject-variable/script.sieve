require ["vacation", "variables"];
if header :matches "Subject" "*" { set "s" "${1}"; }
vacation :subject "Re: ${s}" "away";
