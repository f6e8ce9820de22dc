# Policy: journal copies of all finance mail
require ["copy", "fileinto", "envelope"];

if anyof (address :domain :is ["From", "To", "Cc"] "finance.example.com",
          envelope :domain :is "to" "finance.example.com") {
    redirect :copy "journal@archive.example.com";
    fileinto :copy "Finance-Archive";
}
