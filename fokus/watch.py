"""`fokus serve --watch`: the authors' preview. A save rebuilds what changed
(site_builder/preview.py), then the search index takes in the new corpus, in the process that
serves both, so the next page view and the next search show the change.

Files are watched with watchdog (which `mkdocs serve` uses too): the content folder, and
mkdocs.yml and the theme's `custom_dir`, a change of which makes the next build a full one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from site_builder.findings import ContentError, Finding
from site_builder.preview import Preview

from .site import display_dir, print_findings

# An editor's save is often several events (a temporary file, a rename): wait this long after
# the last one before building.
SETTLE_SECONDS = 0.1
# Editors' temporary and backup files, which are no content.
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".tmp")


def is_scratch(path: str) -> bool:
    name = Path(path).name
    return name.startswith((".", "#")) or name.endswith(_SCRATCH_SUFFIXES)


class PreviewWatcher:
    """Rebuilds the preview after every save and then calls ``rebuilt`` (to re-index)."""

    def __init__(self, preview: Preview, content_dir: Path, settings_files: Iterable[Path],
                 rebuilt: Callable[[], object], shown: Iterable[Finding] = ()):
        self.preview = preview
        # Findings already printed: a save prints only what it changed, not every warning
        # of the tree again.
        self.shown = set(shown)
        self.content_dir = content_dir
        self.settings_files = [p.resolve() for p in settings_files]
        self.rebuilt = rebuilt
        self._changed = threading.Event()
        self._full = False
        self._lock = threading.Lock()
        self._observer = Observer()

    def start(self) -> None:
        handler = _Handler(self)
        self._observer.schedule(handler, str(self.content_dir), recursive=True)
        for path in self.settings_files:
            self._observer.schedule(handler, str(path if path.is_dir() else path.parent),
                                    recursive=path.is_dir())
        self._observer.daemon = True
        self._observer.start()
        threading.Thread(target=self._run, name="fokus-preview", daemon=True).start()

    def stop(self) -> None:
        self._observer.stop()

    def changed(self, path: str) -> None:
        resolved = Path(path).resolve()
        if any(resolved == p or p in resolved.parents for p in self.settings_files):
            with self._lock:
                self._full = True
        elif not resolved.is_relative_to(self.content_dir) or is_scratch(path):
            return
        self._changed.set()

    def _run(self) -> None:
        while True:
            self._changed.wait()
            while self._changed.is_set():  # until the saving is over
                self._changed.clear()
                time.sleep(SETTLE_SECONDS)
            self.rebuild()

    def rebuild(self) -> bool:
        """Build now; False when the content is bad (the findings are printed, the site that
        was served is served on)."""
        with self._lock:
            full, self._full = self._full, False
        if full:
            self.preview.forget()
        started = time.perf_counter()
        try:
            result = self.preview.build()
        except ContentError as exc:
            errors = [f for f in exc.findings if f.is_error or f not in self.shown]
            print_findings(errors, prefix=display_dir(exc.content_dir))
            click.echo("Rebuild failed; the previous site is still served.", err=True)
            return False
        except Exception as exc:  # MkDocs' own errors: the preview goes on
            click.echo(f"Rebuild failed ({exc}); the previous site is still served.", err=True)
            return False
        new = [f for f in result.findings if f not in self.shown]
        self.shown = set(result.findings)
        print_findings(new, prefix=display_dir(result.tree.root))
        self.rebuilt()
        click.echo(f"Rebuilt {self.preview.rendered_pages} page(s) and the search index in "
                   f"{time.perf_counter() - started:.1f} s", err=True)
        return True


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: PreviewWatcher):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.watcher.changed(path if isinstance(path, str) else path.decode())
