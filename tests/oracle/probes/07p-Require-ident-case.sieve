REQUIRE "fileinto";
FILEINTO "x";
