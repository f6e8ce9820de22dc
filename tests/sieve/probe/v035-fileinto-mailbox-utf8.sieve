require "fileinto";
fileinto "Boîte/Été";
fileinto "日本語";
