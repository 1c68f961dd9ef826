"""Labels name pages and sections of the corpus; a section label covers its subsections."""

from .labels import with_subsections


def test_a_section_label_covers_the_sections_under_it_and_stops_at_the_next_sibling():
    sections = [{"anchor": "", "level": 1}, {"anchor": "running", "level": 2},
                {"anchor": "failures", "level": 3}, {"anchor": "oom", "level": 4},
                {"anchor": "hardware", "level": 4}, {"anchor": "budgets", "level": 3},
                {"anchor": "data", "level": 2}]
    assert with_subsections(sections, "failures") == {"failures", "oom", "hardware"}
    assert with_subsections(sections, "oom") == {"oom"}
    assert with_subsections(sections, "running") == {"running", "failures", "oom", "hardware",
                                                     "budgets"}
    assert with_subsections(sections, "data") == {"data"}
