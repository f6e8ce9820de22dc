include "inc-helper";
