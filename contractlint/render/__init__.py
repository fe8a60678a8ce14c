"""Presenting reports: text for terminals, JSON for programs."""
