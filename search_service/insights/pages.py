"""What every insights page needs: language, texts, the portal's stylesheets, the period and
the owner it shows, and the links that keep them when moving between pages and sort orders."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..owners import Ownership
from ..periods import PRESET_DAYS, Period, parse_period
from .text import text_for

PAGES = ("overview", "searches", "articles", "comments", "needs", "reviews")


def ownership() -> Ownership:
    return current_app.extensions["fokus_ownership"].get()


def today() -> date:
    return current_app.extensions["fokus_store"].clock().date()


def current_period() -> Period:
    """From the query string; raises PeriodError naming the parameter."""
    return parse_period(request.args, today())


def chosen_owner() -> str:
    """`?owner=NAME`, `?owner=` for everyone; by default the signed-in account's owner."""
    if "owner" in request.args:
        return request.args["owner"].strip()
    return (getattr(current_user, "owner", None) or "") if current_user.is_authenticated else ""


def site_stylesheets() -> list[str]:
    """The built site's Material and Fokus stylesheets, when this app serves the site."""
    if not current_app.config["SERVE_SITE"]:
        return []
    site = Path(current_app.config["SITE_DIR"])
    material = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    sheets = [f"/assets/stylesheets/{p.name}" for p in material[:1]]
    if (site / "assets" / "fokus.css").is_file():
        sheets.append("/assets/fokus.css")
    return sheets


def link(endpoint: str, **changes: Any) -> str:
    """The same page state (period, owner, sort) with some parameters changed or removed."""
    args = {k: v for k, v in request.args.items()}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(endpoint, **args)


def page_context(active: str, period: Period | None = None) -> dict[str, Any]:
    owners = ownership()
    return {
        "t": text_for(owners.language), "lang": owners.language, "active": active,
        "pages": PAGES, "stylesheets": site_stylesheets(), "period": period,
        "presets": PRESET_DAYS, "owners": owners.owners, "owner": chosen_owner(),
        "user": current_user if current_user.is_authenticated else None, "link": link,
        "csrf_token": generate_csrf,
    }
