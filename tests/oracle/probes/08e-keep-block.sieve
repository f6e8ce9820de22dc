keep { }
