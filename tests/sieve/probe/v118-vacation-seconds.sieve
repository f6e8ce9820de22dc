require ["vacation", "vacation-seconds"];
vacation :seconds 3600 :subject "brb" "Back in an hour";
