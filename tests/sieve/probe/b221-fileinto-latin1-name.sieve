require "fileinto";
fileinto "Gelöscht";
