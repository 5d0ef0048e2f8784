"""claimtrack: follow claims and counter-claims in the news from a folder of YAML records."""

__version__ = "0.1.0"
