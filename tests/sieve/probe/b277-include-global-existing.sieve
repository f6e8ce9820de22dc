require "include";
include :global "inc-helper";
