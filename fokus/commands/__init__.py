"""One module per `fokus` command; each defines `command`."""
