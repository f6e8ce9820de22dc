require "comparator-";
