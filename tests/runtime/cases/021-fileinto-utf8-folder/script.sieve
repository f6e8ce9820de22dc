require ["fileinto"];
fileinto "Geschäftlich/Übersicht";
fileinto "Café";
