require ["vacation"];
vacation "I am out of the office until Monday.";
