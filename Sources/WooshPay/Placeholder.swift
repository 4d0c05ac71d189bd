// WooshPay: the HTTP adapter. Filled in by the adapter issue (#5).
