require "include";
include :personal :global "inc-helper";
