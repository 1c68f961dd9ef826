"""The `fokus` command line: the one place that knows both the site builder and the search
service (they share nothing but the corpus file)."""

__version__ = "0.1.0"
