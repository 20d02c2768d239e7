"""Anonymisers of the domain apps (filled in below)."""
