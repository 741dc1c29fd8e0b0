"""Helpers shared by the platform connectors: splitting, rate limiting, retries, errors."""

from connectors.common.errors import DeliveryError, RequestRejected
from connectors.common.ratelimit import RateLimiter
from connectors.common.retry import Backoff
from connectors.common.splitting import split_text

__all__ = ["Backoff", "DeliveryError", "RateLimiter", "RequestRejected", "split_text"]
