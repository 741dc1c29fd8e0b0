"""Short original demo collateral (fictional vendor and rival) for `salesbrain start`."""
