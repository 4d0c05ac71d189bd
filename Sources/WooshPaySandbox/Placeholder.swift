// WooshPaySandbox: the embedded WooshPay-compatible server. Filled in by the sandbox issue (#4).
