"""Crash safety: the application's real write paths run in a child process that is killed (SIGKILL)
at random moments; afterwards every acknowledged write must be there and every unit whole.

``child.py`` is what runs and dies; ``harness.py`` starts, kills and checks.
"""
