"""Tests of call-transcript analysis."""
