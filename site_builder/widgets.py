"""Small pieces of markup the build puts into pages, which the theme's scripts bring to life."""

from __future__ import annotations

from html import escape

from .content import Article


def copy_button(t: dict[str, str], article: Article, short: str, title: str, anchor: str, *,
                compact: bool = False) -> str:
    """A button whose data the theme's script turns into a reply-ready snippet; ``short`` is
    the site path the snippet links to (the article's short link)."""
    classes = "fokus-copy" + (" fokus-copy--compact" if compact else "")
    article_id = f'data-fokus-article="{article.id}" ' if article.id is not None else ""
    return (
        f'<button type="button" class="{classes}" aria-live="polite" {article_id}'
        f'data-fokus-kb="{escape(article.kb)}" '
        f'data-fokus-title="{escape(title)}" data-fokus-short="{escape(short)}" '
        f'data-fokus-anchor="{escape(anchor)}" data-fokus-copied="{escape(t["copy.copied"])}" '
        f'data-fokus-failed="{escape(t["copy.failed"])}">{escape(t["copy.link"])}</button>'
    )


def feedback_widget(t: dict[str, str], article: Article, anchor: str = "", *,
                    compact: bool = False) -> str:
    """"Hjälpte det här?" with Ja/Nej, an optional comment after Nej, and a thank-you state.
    Works by keyboard; the status line is announced to screen readers."""
    if article.id is None:
        return ""
    key = escape(f"{article.id}-{anchor}" if anchor else str(article.id))
    heading = "p" if compact else "h2"
    # Under an FAQ answer the question's heading (its id is the anchor) completes the name, so
    # that every open answer's feedback region has a name of its own.
    labels = f"fokus-fb-{key} {escape(anchor)}" if anchor else f"fokus-fb-{key}"
    classes = "fokus-feedback" + (" fokus-feedback--compact" if compact else "")
    return (
        f'<section class="{classes}" data-fokus-feedback data-article="{article.id}" '
        f'data-anchor="{escape(anchor)}" aria-labelledby="{labels}">'
        f'<{heading} class="fokus-feedback__question" id="fokus-fb-{key}">'
        f'{escape(t["feedback.question"])}</{heading}>'
        f'<div class="fokus-feedback__buttons" role="group" aria-labelledby="fokus-fb-{key}">'
        f'<button type="button" class="md-button" data-helpful="true" aria-pressed="false">'
        f'{escape(t["feedback.yes"])}</button>'
        f'<button type="button" class="md-button" data-helpful="false" aria-pressed="false">'
        f'{escape(t["feedback.no"])}</button></div>'
        f'<form class="fokus-feedback__comment" hidden>'
        f'<label for="fokus-fb-text-{key}">{escape(t["feedback.missing"])}</label>'
        f'<textarea id="fokus-fb-text-{key}" name="comment" maxlength="1000" rows="3">'
        f'</textarea>'
        f'<button type="submit" class="md-button md-button--primary">'
        f'{escape(t["feedback.send"])}</button></form>'
        f'<p class="fokus-feedback__status" role="status" aria-live="polite" tabindex="-1"></p>'
        f"</section>"
    )
