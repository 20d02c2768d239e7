"""The benchmark: generated data at DESIGN §7's scales, pages timed beside their bare SQL."""
