"""A problem found in the content tree, reported as ``file:line: field: message``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    field: str | None
    message: str
    hint: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        if self.severity != ERROR:
            text = f"{where}: {self.severity}: {what}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def as_dict(self) -> dict:
        return asdict(self)

    def under(self, directory: str) -> Finding:
        """The same finding with its file named from the working directory (content/x.md)."""
        if not directory or directory == ".":
            return self
        return replace(self, file=f"{directory.rstrip('/')}/{self.file}")


def sort_key(finding: Finding) -> tuple:
    return (finding.file, finding.line, finding.field or "", finding.message)


class ContentError(Exception):
    """Raised when the content tree has errors; carries every finding."""

    def __init__(self, findings: list[Finding], content_dir: str = ""):
        self.findings = findings
        self.content_dir = content_dir
        errors = [f for f in findings if f.is_error]
        lines = "\n".join(str(f) for f in errors)
        super().__init__(f"{len(errors)} error(s) in content:\n{lines}")
