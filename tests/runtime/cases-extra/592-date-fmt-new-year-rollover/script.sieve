# purpose: Date header format: new year rollover in UTC
require ["date", "variables", "fileinto"];
if date :originalzone :matches "date" "year" "*" { set "o_year" "${1}"; }
if date :originalzone :matches "date" "month" "*" { set "o_month" "${1}"; }
if date :originalzone :matches "date" "day" "*" { set "o_day" "${1}"; }
if date :originalzone :matches "date" "date" "*" { set "o_date" "${1}"; }
if date :originalzone :matches "date" "julian" "*" { set "o_julian" "${1}"; }
if date :originalzone :matches "date" "hour" "*" { set "o_hour" "${1}"; }
if date :originalzone :matches "date" "minute" "*" { set "o_minute" "${1}"; }
if date :originalzone :matches "date" "second" "*" { set "o_second" "${1}"; }
if date :originalzone :matches "date" "time" "*" { set "o_time" "${1}"; }
if date :originalzone :matches "date" "iso8601" "*" { set "o_iso8601" "${1}"; }
if date :originalzone :matches "date" "std11" "*" { set "o_std11" "${1}"; }
if date :originalzone :matches "date" "zone" "*" { set "o_zone" "${1}"; }
if date :originalzone :matches "date" "weekday" "*" { set "o_weekday" "${1}"; }
fileinto "orig ${o_date} ${o_time} ${o_zone} wd=${o_weekday} jd=${o_julian}";
fileinto "orig-iso ${o_iso8601}";
fileinto "orig-std11 ${o_std11}";
if date :matches "date" "iso8601" "*" { fileinto "utc-iso ${1}"; }
if date :zone "+0530" :matches "date" "std11" "*" { fileinto "ist-std11 ${1}"; }
if date :zone "-1000" :matches "date" "date" "*" { fileinto "hst-date ${1}"; }
