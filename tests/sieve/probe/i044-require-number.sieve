require 1;
