ke-ep;
