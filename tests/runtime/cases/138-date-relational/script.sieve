require ["date", "relational", "fileinto"];
if date :value "ge" "date" "date" "2024-01-01" {
  fileinto "ge-2024-yes";
} else {
  fileinto "ge-2024-no";
}
if date :value "lt" "date" "date" "2024-03-05" {
  fileinto "lt-2024-03-05-yes";
} else {
  fileinto "lt-2024-03-05-no";
}
if date :value "ge" "date" "hour" "14" {
  fileinto "hour-ge-14-yes";
} else {
  fileinto "hour-ge-14-no";
}
if date :is "date" "weekday" "2" {
  fileinto "weekday-2-yes";
} else {
  fileinto "weekday-2-no";
}
