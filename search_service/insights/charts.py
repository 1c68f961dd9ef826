"""SVG charts drawn on the server: no script, no third-party request. Each chart is a small
inline <svg> with a <title> for screen readers; values are numbers, text is escaped."""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def sparkline(values: list[float | None], *, label: str, width: int = 160,
              height: int = 36) -> Markup:
    """A line through the week-by-week values (gaps where a week has no value)."""
    known = [v for v in values if v is not None]
    if not known:
        return Markup(f'<svg class="fokus-spark" width="{width}" height="{height}" role="img" '
                      f'aria-label="{escape(label)}"><title>{escape(label)}</title></svg>')
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = width / max(len(values) - 1, 1)
    segments, current = [], []
    for index, value in enumerate(values):
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        x = index * step if len(values) > 1 else width / 2
        y = height - 3 - (value - low) / span * (height - 6)
        current.append(f"{x:.1f},{y:.1f}")
    if current:
        segments.append(current)
    lines = "".join(f'<polyline points="{" ".join(points)}" />' for points in segments)
    dots = "".join(f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="1.8" />'
                   for points in segments for p in points[-1:])
    return Markup(f'<svg class="fokus-spark" width="{width}" height="{height}" '
                  f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
                  f'<title>{escape(label)}</title>{lines}{dots}</svg>')


def bars(values: list[float], *, labels: list[str], title: str, width: int = 640,
         height: int = 140) -> Markup:
    """A bar per week, with its label under it and its value in the bar's tooltip."""
    count = max(len(values), 1)
    high = max(values, default=0) or 1.0
    slot = width / count
    chart = height - 18
    parts = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        bar = value / high * (chart - 4)
        x = index * slot + slot * 0.15
        parts.append(
            f'<g><title>{escape(label)}: {value:g}</title>'
            f'<rect x="{x:.1f}" y="{chart - bar:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar:.1f}" /></g>')
        if count <= 16 or index % max(count // 8, 1) == 0:
            parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - 4}" '
                         f'text-anchor="middle">{escape(label)}</text>')
    return Markup(f'<svg class="fokus-bars" width="100%" viewBox="0 0 {width} {height}" '
                  f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
                  f'{"".join(parts)}</svg>')
