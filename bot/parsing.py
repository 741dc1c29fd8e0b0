"""Chooses the message parser from settings: the local model, optionally behind an LLM."""

from __future__ import annotations

from bot.settings import Settings
from nlp.llm_parser import FallbackParser, LLMParser
from nlp.local_parser import LocalParser
from nlp.types import Parser


def build_parser(settings: Settings) -> Parser:
    """The offline parser always exists; a configured LLM goes first and falls back to it."""
    local = LocalParser(settings.model_cache)
    llm = settings.llm
    if not (llm.enabled and llm.base_url and llm.api_key):
        return local
    remote = LLMParser.openai(
        base_url=llm.base_url,
        model=llm.model,
        api_key=llm.api_key.get_secret_value(),
        timeout_s=llm.timeout_s,
    )
    return FallbackParser(remote, local, timeout_s=llm.timeout_s)
