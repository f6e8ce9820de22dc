redirect :notify "NEVER" "a@b";
