"""Evaluation of the NLP components against NLP_SPEC-format files."""
