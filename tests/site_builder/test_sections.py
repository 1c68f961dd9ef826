"""Splitting rendered HTML into sections and plain text for the corpus."""

import markdown

from site_builder.sections import corpus_levels, plain_text, split_sections


def test_inline_markup_joins_words_and_blocks_separate_them():
    html = '<p>Se <a href="x">VPN</a>.</p><ul><li>ett</li><li><code>två</code></li></ul>'
    assert plain_text(html) == "Se VPN. ett två"


def test_scripts_and_icons_are_not_text():
    assert plain_text("<p>Hej<svg><path/>ikon</svg></p><script>x()</script>") == "Hej"


def test_sections_keep_heading_anchor_and_level():
    html = '<p>Intro</p><h2 id="a">Ett</h2><p>1</p><h3 id="b">Två</h3><p>2</p>'
    found = [(s.heading, s.anchor, s.level, s.text) for s in split_sections(html)]
    assert found == [("", "", 1, "Intro"), ("Ett", "a", 2, "1"), ("Två", "b", 3, "2")]
    assert split_sections("<h4 id='c'>Tre</h4><p>3</p>")[0].level == 4
    assert [s.heading for s in split_sections(html, levels=(2,))] == ["", "Ett"]


def test_an_faq_is_split_at_its_questions_whichever_level_they_are_at():
    fokus_faq = '<h2 id="a">Hur byter jag?</h2><p>Så.</p><h3 id="b">Detalj</h3><p>x</p>'
    adopted_faq = '<h2 id="t">Accounts</h2><h3 id="q">How do I reset it?</h3><p>So.</p>'
    assert corpus_levels("faq", fokus_faq) == (2,)  # a detail stays inside its answer
    assert corpus_levels("faq", adopted_faq) == (2, 3, 4)
    assert corpus_levels("guide", fokus_faq) == (2, 3, 4)
    assert [s.heading for s in split_sections(adopted_faq, corpus_levels("faq", adopted_faq))
            ] == ["Accounts", "How do I reset it?"]


def test_questions_asked_at_h4_under_topic_headings_are_sections():
    """archer2's FAQ: `## Running`, `### Jobs failures`, `#### What does a hardware fault look
    like?`. Each question is a section, so search can land on it; a guide's `####` too."""
    html = ('<h2 id="r">Running</h2><h3 id="f">Jobs failures</h3><p>Causes.</p>'
            '<h4 id="hw">What does a hardware fault look like?</h4><p>NODE FAILURE.</p>'
            '<h4 id="tl">Job cancelled owing to time limit</h4><p>Use --time.</p>'
            '<h5 id="x">Example</h5><p>sbatch</p>')
    for article_type in ("faq", "guide"):
        found = [(s.heading, s.anchor, s.level)
                 for s in split_sections(html, corpus_levels(article_type, html))]
        assert found == [("Running", "r", 2), ("Jobs failures", "f", 3),
                         ("What does a hardware fault look like?", "hw", 4),
                         ("Job cancelled owing to time limit", "tl", 4)]  # h5 stays inside


def test_a_toc_permalink_is_not_part_of_the_heading():
    """`toc: permalink: true` (cscs-docs) puts a ¶ link in every heading, not in its text."""
    html = markdown.markdown("## Connect\n\nText.", extensions=["toc"],
                             extension_configs={"toc": {"permalink": True}})
    assert "headerlink" in html
    assert [(s.heading, s.anchor) for s in split_sections(html)] == [("Connect", "connect")]
