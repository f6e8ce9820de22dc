redirect "";
