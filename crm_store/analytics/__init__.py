"""Analytics over the CRM: funnel, stalls, win probability, forecast, health, digests."""
