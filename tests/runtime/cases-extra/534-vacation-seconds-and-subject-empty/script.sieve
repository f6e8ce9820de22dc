# purpose: vacation-seconds 2 days; explicit empty :subject
require ["vacation-seconds"];
vacation :seconds 172800 :subject "" "Short reason";
