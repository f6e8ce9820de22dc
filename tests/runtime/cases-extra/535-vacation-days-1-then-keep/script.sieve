# purpose: vacation :days 1 with angle-bracket :from and explicit keep
require ["vacation"];
vacation :days 1 :from "<bob@example.org>" "One day.";
keep;
