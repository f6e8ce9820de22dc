# purpose: :seconds under sieve_vacation_min_period (1d) is raised
require ["vacation", "vacation-seconds"];
vacation :seconds 3600 "away";
keep;
