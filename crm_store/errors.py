"""Typed errors the store raises; the bot turns them into replies in the user's language."""

from __future__ import annotations


class CrmError(Exception):
    """Base class; `code` is stable for translation, the message is for logs."""

    code = "crm_error"


class PermissionDenied(CrmError):
    code = "permission_denied"


class NotFound(CrmError):
    code = "not_found"


class InvalidInput(CrmError):
    code = "invalid_input"


class Conflict(CrmError):
    code = "conflict"
