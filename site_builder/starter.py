"""`fokus init`: the files of a new organisation's knowledge base.

The mkdocs.yml lists every option of the `fokus` plugin with its help, generated from the
plugin's declarations (site_builder/config.py), so it cannot miss one. The content is a
`categories.yml` and one article of each type, linked to each other so that `fokus check
--strict` finds nothing to say about it."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import Any

import yaml

from .config import OPTION_HELP, declared_options

WIDTH = 100

HEADER = """\
# The configuration of a Fokus knowledge base, written by `fokus init`.
# MkDocs' own keys work as usual; Fokus's options sit under `plugins: - fokus:`, each with
# what it means. A commented-out option shows its default (or an example): remove the `# `
# to set it. docs/configuration.md in the Fokus repository documents everything.
site_name: {name}
# The portal's public address; copied links, canonical links and reply snippets use it.
# Leave it out when the portal is reached under several addresses.
# site_url: https://kb.example.org/
docs_dir: content
site_dir: site
# Broken links and anchors stop the build, as with `mkdocs build --strict`.
strict: true
theme:
  name: material
plugins:
  - fokus:
"""
OPTIONS_INDENT = 6


def starter_mkdocs_yml(language: str, name: str) -> str:
    """mkdocs.yml for a new site: every plugin option, with its help."""
    values = {"language": language, "organisation.name": name}
    lines = HEADER.format(name=_value(name)).splitlines()
    base = " " * OPTIONS_INDENT
    section_seen = ""
    for option, default in declared_options():
        section, _, leaf = option.rpartition(".")
        if section and section != section_seen:
            section_seen = section
            lines.append(f"{base}{section}:")
        indent = base + ("  " if section else "")
        doc = OPTION_HELP[option]
        lines += textwrap.wrap(_plain(doc.help), WIDTH - 2, initial_indent=f"{indent}# ",
                               subsequent_indent=f"{indent}# ")
        if option in values:
            lines.append(f"{indent}{leaf}: {_value(values[option])}")
        else:
            shown = (doc.example if default in (None, "", []) and doc.example is not None
                     else default)
            lines.append(f"{indent}# {leaf}: {_value(shown)}")
    return "\n".join(_comment_unset_sections(lines, set(values))) + "\n"


def _comment_unset_sections(lines: list[str], values: set[str]) -> list[str]:
    """A section none of whose options is set (`contact:`) is commented out whole: an empty
    section is not valid. Removing one `# ` from each of its lines brings it back."""
    set_sections = {option.rpartition(".")[0] for option in values}
    base = " " * OPTIONS_INDENT
    result, commenting = [], False
    for line in lines:
        if line.startswith(base) and not line.startswith(base + " "):
            key = line.strip().removesuffix(":")
            commenting = line.endswith(":") and key in _sections() and key not in set_sections
        result.append(f"{base}# {line[len(base):]}" if commenting else line)
    return result


def _sections() -> set[str]:
    return {option.rpartition(".")[0] for option, _ in declared_options() if "." in option}


def _plain(help_text: str) -> str:
    """Help as a comment reads it: a Markdown link becomes its text (`docs/…` for a page of
    the documentation)."""
    help_text = re.sub(r"\[([\w.-]+\.md)\]\([^)]*\)", r"docs/\1", help_text)
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", help_text)


def _value(value: Any) -> str:
    """A value as YAML writes it on one line (`'#1f4e79'`, `[start, guide]`)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000)
    return text.removesuffix("\n...\n").strip()


# -- content -----------------------------------------------------------------------------------

STARTER = {
    "sv": {
        "name": "IT-support",
        "owner": "Servicedesk",
        "categories": [
            {"slug": "konton", "title": "Konton och lösenord",
             "description": "Inloggning, lösenord och tvåstegsverifiering.",
             "icon": "material/account-key", "order": 1, "owner": "Servicedesk"},
            {"slug": "it-supporten", "title": "IT-supporten",
             "description": "Vem vi är, när vi har öppet och hur du når oss.",
             "icon": "material/lifebuoy", "order": 2, "owner": "Servicedesk"},
        ],
        "articles": {
            "it-supporten/it-handbok.md": (
                1, "IT-handbok för medarbetare", "handbook", "it-supporten",
                "Det viktigaste om IT för dig som arbetar här: konton, regler och hjälp.",
                "Den här handboken samlar det du behöver veta om IT som medarbetare.\n\n"
                "## Ditt konto\n\nDu loggar in med ditt användarnamn och ett lösenord som "
                "bara du känner till. Så byter du det: [Byt ditt lösenord](/kb/2/).\n\n"
                "## När något krånglar\n\nBörja med [vanliga frågor om konton](/kb/3/). "
                "Hittar du inte svaret, kontakta IT-supporten.\n"),
            "konton/byt-losenord.md": (
                2, "Byt ditt lösenord", "guide", "konton",
                "Så byter du lösenord innan det gamla går ut.",
                "Byt lösenord när du får en påminnelse, eller om du tror att någon annan "
                "känner till det.\n\n## Gör så här\n\n1. Tryck Ctrl+Alt+Delete och välj "
                "**Byt lösenord**.\n2. Skriv ditt nuvarande lösenord och sedan det nya två "
                "gånger.\n3. Logga in på nytt med det nya lösenordet.\n\n"
                "## Om det inte fungerar\n\nSe [vanliga frågor om konton](/kb/3/).\n"),
            "konton/vanliga-fragor-om-konton.md": (
                3, "Vanliga frågor om konton", "faq", "konton",
                "Svar på de vanligaste frågorna om konton och lösenord.",
                "De frågor IT-supporten oftast får om konton.\n\n"
                "## Jag har glömt mitt lösenord, vad gör jag?\n\nRing IT-supporten, så "
                "hjälper vi dig att få ett nytt. Mer om ditt konto finns i "
                "[IT-handboken](/kb/1/).\n\n## Hur ofta måste jag byta lösenord?\n\n"
                "En gång om året. Se [Byt ditt lösenord](/kb/2/).\n"),
            "it-supporten/valkommen-till-kunskapsbanken.md": (
                4, "Välkommen till kunskapsbanken", "news", "it-supporten",
                "Här hittar du svar på dina IT-frågor, dygnet runt.",
                "Kunskapsbanken samlar IT-supportens guider, handböcker och vanliga frågor. "
                "Sök i rutan högst upp, eller börja med [IT-handboken](/kb/1/).\n"),
        },
        "synonyms": "# Words readers use for the same thing; search finds each by the others.\n"
                    "- [lösenord, lösen, password]\n",
    },
    "en": {
        "name": "IT support",
        "owner": "Service desk",
        "categories": [
            {"slug": "accounts", "title": "Accounts and passwords",
             "description": "Signing in, passwords and two-step verification.",
             "icon": "material/account-key", "order": 1, "owner": "Service desk"},
            {"slug": "it-support", "title": "IT support",
             "description": "Who we are, when we are open and how to reach us.",
             "icon": "material/lifebuoy", "order": 2, "owner": "Service desk"},
        ],
        "articles": {
            "it-support/it-handbook.md": (
                1, "IT handbook for employees", "handbook", "it-support",
                "What you need to know about IT here: accounts, rules and help.",
                "This handbook collects what you need to know about IT as an employee.\n\n"
                "## Your account\n\nYou sign in with your user name and a password that only "
                "you know. How to change it: [Change your password](/kb/2/).\n\n"
                "## When something goes wrong\n\nStart with [common questions about "
                "accounts](/kb/3/). If the answer is not there, contact IT support.\n"),
            "accounts/change-your-password.md": (
                2, "Change your password", "guide", "accounts",
                "How to change your password before the old one expires.",
                "Change your password when you are reminded to, or when you think someone "
                "else knows it.\n\n## Steps\n\n1. Press Ctrl+Alt+Delete and choose **Change "
                "a password**.\n2. Type your current password, then the new one twice.\n"
                "3. Sign in again with the new password.\n\n## If it does not work\n\n"
                "See [common questions about accounts](/kb/3/).\n"),
            "accounts/common-questions-about-accounts.md": (
                3, "Common questions about accounts", "faq", "accounts",
                "Answers to the most common questions about accounts and passwords.",
                "The questions IT support hears most often about accounts.\n\n"
                "## I forgot my password, what do I do?\n\nCall IT support and we will help "
                "you get a new one. More about your account is in the "
                "[IT handbook](/kb/1/).\n\n## How often must I change my password?\n\n"
                "Once a year. See [Change your password](/kb/2/).\n"),
            "it-support/welcome-to-the-knowledge-base.md": (
                4, "Welcome to the knowledge base", "news", "it-support",
                "Answers to your IT questions, day and night.",
                "The knowledge base collects IT support's guides, handbooks and common "
                "questions. Search in the box at the top, or start with the "
                "[IT handbook](/kb/1/).\n"),
        },
        "synonyms": "# Words readers use for the same thing; search finds each by the others.\n"
                    "- [password, passcode, pwd]\n",
    },
}


def default_name(language: str) -> str:
    return STARTER[language]["name"]


def starter_files(language: str, name: str, today: dt.date) -> dict[str, str]:
    """Every file of the new site by its path (relative to the site's folder)."""
    starter = STARTER[language]
    files = {"mkdocs.yml": starter_mkdocs_yml(language, name),
             "content/categories.yml": _categories_yml(starter["categories"]),
             "content/synonyms.yml": starter["synonyms"]}
    for path, (article_id, title, article_type, category, summary, body) in (
            starter["articles"].items()):
        meta = {"id": article_id, "title": title, "summary": summary, "type": article_type,
                "category": category, "owner": starter["owner"], "reviewed": today}
        if article_type == "news":
            meta["date"] = today
        meta["status"] = "published"
        front_matter = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=WIDTH)
        files[f"content/{path}"] = f"---\n{front_matter}---\n{body}"
    return files


def _categories_yml(categories: list[dict[str, Any]]) -> str:
    return ("# The service areas; every article's `category` is one of these slugs.\n"
            + yaml.safe_dump(categories, allow_unicode=True, sort_keys=False, width=WIDTH))
