"""The insights pages on a fixture set of events whose figures were worked out by hand
(tests/search_service/insights_fixtures.py), on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html import unescape

import pytest

from search_service.figures import overview
from search_service.periods import Period

from .insights_fixtures import PASSWORD, csrf_token, insights_app, sign_in

TWO_WEEKS = "from=2026-11-16&to=2026-11-29"


@pytest.fixture
def app(tmp_path, database_url):
    return insights_app(tmp_path, database_url)


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert sign_in(client).status_code == 303
    return client


def table(html: str, name: str) -> str:
    start = html.index(f'id="{name}"')
    return html[start:html.index("</section>", start)]


def csv_rows(reply) -> list[list[str]]:
    return list(csv.reader(io.StringIO(reply.get_data(as_text=True).lstrip("\ufeff"))))


# -- figures computed by hand -----------------------------------------------------------------

def test_overview_figures_match_the_hand_computed_ones(app):
    data = overview(app.extensions["fokus_store"], Period(date(2026, 11, 16), date(2026, 11, 29)))
    # 8 + 5 searches; 2 + 2 found nothing: 4 / 13.
    assert data.totals["searches"] == 13
    assert data.share("zero_result_searches", "searches") == pytest.approx(4 / 13)
    # With hits: week 1 vpn 4, skrivare 2; week 2 vpn 2, vpn mac 1 = 9. Clicked, per week and
    # query at most as many as searched: min(1, 4) + min(3, 2) + min(2, 2) + 0 = 5 -> 5 / 9.
    assert data.totals["searches_with_hits"] == 9
    assert data.share("clicked_searches", "searches_with_hits") == pytest.approx(5 / 9)
    # Votes: 4 + 10 + 1 = 15, helpful 3 + 10 = 13.
    assert data.share("helpful_votes", "votes") == pytest.approx(13 / 15)
    assert data.totals["needs"] == 2
    assert [monday for monday, _ in data.weeks] == [date(2026, 11, 16), date(2026, 11, 23)]
    assert data.trend("zero_result_searches", "searches") == [pytest.approx(2 / 8),
                                                              pytest.approx(2 / 5)]
    assert data.trend("clicked_searches", "searches_with_hits") == [pytest.approx(3 / 6),
                                                                    pytest.approx(2 / 3)]


def test_the_overview_page_and_its_json(staff):
    html = staff.get(f"/insights/?{TWO_WEEKS}").get_data(as_text=True)
    assert "<h1>Översikt</h1>" in html
    for figure in ("13", "30.8 %", "55.6 %", "15", "86.7 %"):
        assert f'class="fokus-insights__value">{figure}</strong>' in html
    assert html.count('<svg class="fokus-spark"') == 6 and "<polyline" in html
    assert "<script" not in html.lower()  # charts are SVG drawn on the server
    body = staff.get(f"/insights/overview.json?{TWO_WEEKS}").get_json()
    assert body["totals"]["searches"] == 13
    assert body["shares"]["click_through"] == pytest.approx(5 / 9)
    assert [w["searches"] for w in body["weeks"]] == [8, 5]


def test_searches_lists_top_zero_unclicked_and_before_no(staff):
    html = staff.get(f"/insights/searches?{TWO_WEEKS}").get_data(as_text=True)
    rows = csv_rows(staff.get(f"/insights/searches/zero.csv?{TWO_WEEKS}"))
    assert rows[0] == ["Sökning", "Antal", "Senast"]
    assert rows[1:] == [["fax", "2", "2026-11-17 09:00"], ["plotter", "2", "2026-11-24 09:00"]]
    top = csv_rows(staff.get(f"/insights/searches/top.csv?{TWO_WEEKS}"))
    assert [(r[0], r[1], r[2]) for r in top[1:3]] == [("vpn", "6", "0"), ("fax", "2", "2")]
    unclicked = csv_rows(staff.get(f"/insights/searches/unclicked.csv?{TWO_WEEKS}"))
    assert [r[0] for r in unclicked[1:]] == ["vpn mac"]
    before_no = csv_rows(staff.get(f"/insights/searches/before_no.csv?{TWO_WEEKS}"))
    assert [(r[0], r[1]) for r in before_no[1:]] == [("lösenord", "1"), ("vpn mac", "1")]
    assert "Sökningar utan träffar" in table(html, "zero") and ">plotter<" in html


def test_articles_need_attention_first_with_their_wilson_bound(staff):
    rows = csv_rows(staff.get(f"/insights/articles.csv?owner=&{TWO_WEEKS}"))
    assert rows[0][:6] == ["Artikel", "Fråga", "Röster", "Hjälpte", "Wilson (nedre)",
                           "Kommentarer"]
    # Enough votes (4 here): 3/4 -> 0.301, 10/10 -> 0.722; then KB-0001 with a single vote.
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows[1:]] == [
        ("KB-0005 Installera vpn-klienten", "", "4", "75.0 %", "0.301"),
        ("KB-0006 Vanliga frågor om trådlöst nätverk", "Varför tappar jag anslutningen?",
         "10", "100.0 %", "0.722"),
        ("KB-0001 Återställ ditt lösenord", "", "1", "0.0 %", "0.000")]
    assert rows[1][8:] == ["Team Nätverk", "2026-12-10"]


def test_the_pages_open_on_the_accounts_owner(staff):
    mine = staff.get(f"/insights/articles?{TWO_WEEKS}").get_data(as_text=True)
    assert "KB-0005" in mine and "KB-0001" not in mine  # KB-0001 is the Servicedesk's
    everyone = staff.get(f"/insights/articles?owner=&{TWO_WEEKS}").get_data(as_text=True)
    assert "KB-0001" in everyone


def test_tables_sort_by_any_column_on_the_server(staff):
    rows = csv_rows(staff.get(f"/insights/articles.csv?owner=&{TWO_WEEKS}"
                              "&sort=articles.votes&dir=desc"))
    assert [r[2] for r in rows[1:]] == ["10", "4", "1"]
    html = staff.get(f"/insights/articles?owner=&{TWO_WEEKS}&sort=articles.votes&dir=asc")
    assert 'aria-sort="ascending"' in html.get_data(as_text=True)


PAGES = ("/insights/", "/insights/searches", "/insights/articles", "/insights/comments",
         "/insights/needs", "/insights/reviews")


@pytest.mark.parametrize("page", PAGES)
def test_every_table_sorts_by_each_column_and_downloads_as_csv(staff, page):
    html = staff.get(f"{page}?owner=&{TWO_WEEKS}").get_data(as_text=True)
    sections = re.findall(r'<section class="fokus-insights__table" id="(\w+)">(.*?)</section>',
                          html, flags=re.S)
    assert sections
    for name, body in sections:
        headers = [(unescape(href), label) for href, label in re.findall(
            r'<th scope="col"[^>]*><a href="([^"]+)"[^>]*>(.+?)(?: [▼▲])?</a></th>', body)]
        csv_link = unescape(re.search(r'<a href="([^"]+\.csv[^"]*)" download>', body).group(1))
        rows = csv_rows(staff.get(csv_link))
        assert rows[0] == [label for _, label in headers], name  # the page's columns
        assert len(rows) > 1, name  # the fixture events fill every table
        for column, (href, _) in enumerate(headers):
            key = re.search(rf"sort={name}\.(\w+)", href).group(1)
            assert staff.get(href).status_code == 200
            ordered = {direction: [row[column] for row in csv_rows(staff.get(
                f"{csv_link}&sort={name}.{key}&dir={direction}"))[1:]]
                for direction in ("asc", "desc")}
            assert ordered["desc"] == ordered["asc"][::-1], (name, key)
            assert sorted(ordered["asc"]) == sorted(row[column] for row in rows[1:])


def test_comments_are_shown_as_text_and_handled_ones_leave_the_list(app, staff):
    html = staff.get(f"/insights/comments?owner=&{TWO_WEEKS}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; saknar steg" in html
    assert "<script>" not in html
    [row] = [r for r in csv_rows(staff.get(f"/insights/comments/comments.csv?owner=&"
                                           f"{TWO_WEEKS}")) if "saknar steg" in r[4]]
    assert row[1:6] == ["KB-0001 Återställ ditt lösenord", "", "Nej",
                        "<script>alert(1)</script> saknar steg", "lösenord"]
    vote_id = next(v["id"] for v in app.extensions["fokus_store"].votes(1))
    reply = staff.post(f"/insights/comments/{vote_id}/handled", data={"csrf_token": csrf_token(
        html)})
    assert reply.status_code == 303
    after = staff.get(f"/insights/comments?owner=&{TWO_WEEKS}").get_data(as_text=True)
    assert "saknar steg" not in after
    handled = staff.get(f"/insights/comments?owner=&handled=1&{TWO_WEEKS}")
    assert "saknar steg" in handled.get_data(as_text=True)


def test_csv_cells_that_look_like_formulas_are_neutralised(staff):
    rows = csv_rows(staff.get(f"/insights/comments/comments.csv?owner=&{TWO_WEEKS}"))
    [formula] = [r[4] for r in rows if "HYPERLINK" in r[4]]
    assert formula == "'=HYPERLINK(\"https://evil.test\")"
    reply = staff.get(f"/insights/comments/comments.csv?owner=&{TWO_WEEKS}")
    assert reply.mimetype == "text/csv" and "attachment" in reply.headers["Content-Disposition"]


@pytest.mark.parametrize("typed", ["=1+1", "+46 70", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_formula_start_is_neutralised_in_a_csv_cell(app, staff, typed):
    """A need typed as a formula comes out of the CSV as the text it was."""
    from search_service.needs import record_need

    record_need(app.extensions["fokus_store"], text=typed, query=typed, category=None,
                article_id=None)
    rows = csv_rows(staff.get(f"/insights/needs.csv?owner=&{TWO_WEEKS}"))
    [row] = [r for r in rows if r[1].lstrip("'") == typed]
    assert row[1].startswith("'") and row[2].startswith("'")


def test_needs_get_a_status_and_an_owner(app, staff):
    html = staff.get(f"/insights/needs?owner=&{TWO_WEEKS}").get_data(as_text=True)
    rows = csv_rows(staff.get(f"/insights/needs.csv?owner=&{TWO_WEEKS}"))
    assert [(r[1], r[3], r[5], r[6]) for r in rows[1:]] == [
        ("Finns det en fax?", "", "Servicedesk", "Ny"),
        ("Hur skriver jag ut på en plotter?", "Skrivare", "Team Klient", "Ny")]
    need_id = next(n["id"] for n in _needs(app) if n["query"] == "fax")
    reply = staff.post(f"/insights/needs/{need_id}", data={
        "csrf_token": csrf_token(html), "status": "planned", "owner": "Team Klient"})
    assert reply.status_code == 303
    rows = csv_rows(staff.get(f"/insights/needs.csv?owner=Team Klient&{TWO_WEEKS}"))
    assert [(r[1], r[6]) for r in rows[1:]] == [("Finns det en fax?", "Planerad"),
                                                 ("Hur skriver jag ut på en plotter?", "Ny")]


def test_a_long_table_shows_its_first_rows_and_the_csv_has_them_all(app, staff):
    from search_service.insights.tables import PAGE_ROWS
    from search_service.needs import record_need

    for n in range(PAGE_ROWS + 3):
        record_need(app.extensions["fokus_store"], text=f"Behov nummer {n:03d}", query=None,
                    category=None, article_id=None)
    html = staff.get("/insights/needs?owner=&days=7&sort=needs.text&dir=asc")
    needs = table(html.get_data(as_text=True), "needs")
    assert needs.count("<tr>") == 1 + PAGE_ROWS  # the header and the first rows
    assert f"Visar de {PAGE_ROWS} första av {PAGE_ROWS + 5} i den här ordningen" in needs
    # Sorted over every row before the cut: the ascending text order starts with "Behov …".
    assert "Behov nummer 000" in needs and "Finns det en fax?" not in needs
    rows = csv_rows(staff.get("/insights/needs.csv?owner=&days=7&sort=needs.text&dir=asc"))
    assert len(rows) == 1 + PAGE_ROWS + 5


def test_reviews_overdue_and_due_within_30_days_per_owner(staff):
    rows = csv_rows(staff.get("/insights/reviews.csv?owner="))
    assert [(r[0], r[1], r[2], r[4]) for r in rows[1:]] == [
        ("Servicedesk", "KB-0001 Återställ ditt lösenord", "2026-11-01", "Försenad"),
        ("Team Nätverk", "KB-0005 Installera vpn-klienten", "2026-12-10", "Inom 30 dagar")]


def test_periods_of_7_30_90_days_or_from_to(staff):
    assert staff.get("/insights/?days=7").status_code == 200
    assert "30 dagar" in staff.get("/insights/?days=90").get_data(as_text=True)
    week = staff.get("/insights/overview.json?days=7").get_json()
    assert (week["first"], week["last"]) == ("2026-11-20", "2026-11-26")
    assert staff.get("/insights/?days=5").status_code == 400
    bad = staff.get("/insights/overview.json?from=2026-11-30&to=2026-11-01")
    assert bad.status_code == 400 and bad.get_json()["field"] == "to"


def test_english_when_the_corpus_is_english(tmp_path, database_url):
    from search_service.insights.text import TEXT

    client = insights_app(tmp_path, database_url, language="en").test_client()
    sign_in(client)
    html = client.get(f"/insights/searches?{TWO_WEEKS}").get_data(as_text=True)
    assert '<html lang="en">' in html and "Searches without results" in html
    swedish = {v for k, v in TEXT["sv"].items() if v != TEXT["en"][k]}
    for page in PAGES:
        html = client.get(f"{page}?owner=&{TWO_WEEKS}").get_data(as_text=True)
        assert "<h1>" + TEXT["en"][page.removeprefix("/insights/") or "overview"] in html
        shown = set(re.findall(r">([^<>]+?)(?: [▼▲])?<", html))
        assert not shown & swedish, (page, shown & swedish)


def test_both_languages_have_every_text():
    from search_service.insights.text import TEXT

    assert set(TEXT["sv"]) == set(TEXT["en"])


# -- sign-in --------------------------------------------------------------------------------

def test_without_a_session_pages_redirect_and_csv_and_json_are_401(app):
    client = app.test_client()
    reply = client.get("/insights/articles?days=7")
    assert reply.status_code == 302
    assert reply.headers["Location"].startswith("/insights/sign-in?next=")
    for path in ("/insights/overview.json", "/insights/articles.csv",
                 "/insights/searches/zero.csv"):
        reply = client.get(path)
        assert reply.status_code == 401 and reply.get_json()["error"] == "unauthorized"


def test_sign_in_returns_to_the_page_asked_for_and_sign_out_ends_it(app):
    client = app.test_client()
    token = csrf_token(client.get("/insights/sign-in").get_data(as_text=True))
    reply = client.post("/insights/sign-in?next=/insights/needs", data={
        "csrf_token": token, "login": "anna", "password": PASSWORD})
    assert reply.status_code == 303 and reply.headers["Location"] == "/insights/needs"
    page = client.get("/insights/needs").get_data(as_text=True)
    assert "Inloggad som anna" in page
    assert client.post("/insights/sign-out", data={"csrf_token": csrf_token(page)}
                       ).status_code == 303
    assert client.get("/insights/").status_code == 302


def test_no_open_redirect_after_sign_in(app):
    client = app.test_client()
    token = csrf_token(client.get("/insights/sign-in").get_data(as_text=True))
    reply = client.post("/insights/sign-in?next=https://evil.test/", data={
        "csrf_token": token, "login": "anna", "password": PASSWORD})
    assert reply.headers["Location"] == "/insights/"


def test_the_session_cookie_is_httponly_lax_and_secure_over_https(app):
    cookie = sign_in(app.test_client()).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/insights" in cookie
    assert "Secure" not in cookie
    https = sign_in(app.test_client(), base_url="https://kb.example.se/")
    assert "Secure" in https.headers["Set-Cookie"]


def test_the_session_cookie_holds_the_login_a_csrf_secret_and_a_fingerprint_only(app):
    """What docs/privacy.md says the staff cookie holds, and nothing more."""
    client = app.test_client()
    sign_in(client)
    cookie = client.get_cookie("fokus_staff", path="/insights")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert set(session) == {"_user_id", "csrf_token", "_id", "_fresh", "_permanent"}
    assert session["_user_id"] == "local:anna" and len(session["_id"]) == 128  # SHA-512
    assert PASSWORD not in repr(session)


def test_behind_a_trusted_proxy_forwarded_https_makes_the_cookie_secure(tmp_path, database_url):
    app = insights_app(tmp_path, database_url, TRUSTED_PROXIES=["127.0.0.1"])
    forwarded = {"X-Forwarded-Proto": "https"}
    proxied = sign_in(app.test_client(), headers=forwarded,
                      environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert "Secure" in proxied.headers["Set-Cookie"]
    stranger = sign_in(app.test_client(), headers=forwarded,
                       environ_base={"REMOTE_ADDR": "192.0.2.1"})
    assert "Secure" not in stranger.headers["Set-Cookie"]


def test_a_forged_form_without_its_csrf_token_is_refused(app):
    client = app.test_client()
    reply = client.post("/insights/sign-in", data={"login": "anna", "password": PASSWORD})
    assert reply.status_code == 400 and "säkerhetstoken" in reply.get_data(as_text=True)
    assert client.get("/insights/").status_code == 302  # not signed in
    sign_in(client)
    vote_id = app.extensions["fokus_store"].votes(1)[0]["id"]
    forged = client.post(f"/insights/comments/{vote_id}/handled", data={})
    assert forged.status_code == 400
    assert app.extensions["fokus_store"].votes(1)[0]["handled_at"] is None


def test_ten_wrong_passwords_are_slowed_down(tmp_path, database_url):
    app = insights_app(tmp_path, database_url, SIGNIN_RATE_LIMIT="5 per minute")
    client = app.test_client()
    codes = [sign_in(client, password=f"fel lösenord {n}").status_code for n in range(10)]
    assert codes == [401] * 5 + [429] * 5
    assert sign_in(client).status_code == 429  # even the right one, until the minute is up
    # From another address, the same login: counted per login name too.
    assert sign_in(app.test_client(), password="fel igen",
                   environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 429


def test_right_passwords_do_not_count_against_the_limit(tmp_path, database_url):
    app = insights_app(tmp_path, database_url, SIGNIN_RATE_LIMIT="2 per minute")
    assert [sign_in(app.test_client()).status_code for _ in range(4)] == [303] * 4


def test_a_removed_account_is_signed_out(app, staff):
    from search_service.staff import remove_staff

    remove_staff(app.extensions["fokus_store"], "anna")
    assert staff.get("/insights/").status_code == 302


# -- single sign-on ---------------------------------------------------------------------------

SSO = {"TRUSTED_PROXIES": ["10.0.0.0/24"], "SSO_HEADER": "X-Remote-User",
       "SSO_GROUPS_HEADER": "X-Remote-Groups", "SSO_ALLOWED_USERS": ["bertil"],
       "SSO_ALLOWED_GROUPS": ["it-personal"]}


def test_single_sign_on_from_the_trusted_proxy_with_an_allow_list(tmp_path, database_url):
    client = insights_app(tmp_path, database_url, **SSO).test_client()
    proxy = {"REMOTE_ADDR": "10.0.0.5"}

    def get(headers, environ=proxy):
        return client.get("/insights/", headers=headers, environ_base=environ)

    assert get({"X-Remote-User": "bertil"}).status_code == 200
    assert get({"X-Remote-User": "cecilia", "X-Remote-Groups": "ekonomi, it-personal"}
               ).status_code == 200
    assert get({"X-Remote-User": "david", "X-Remote-Groups": "ekonomi"}).status_code == 403
    assert get({"X-Remote-User": "bertil"}, {"REMOTE_ADDR": "192.0.2.9"}).status_code == 302
    assert get({"X-Remote-User": "bertil"}, {"REMOTE_ADDR": "10.0.1.5"}).status_code == 302


def test_sso_user_with_a_local_account_opens_on_its_owner(tmp_path, database_url):
    client = insights_app(tmp_path, database_url, **dict(SSO, SSO_ALLOWED_USERS=["anna"]))\
        .test_client()
    html = client.get(f"/insights/articles?{TWO_WEEKS}", headers={"X-Remote-User": "anna"},
                      environ_base={"REMOTE_ADDR": "10.0.0.5"}).get_data(as_text=True)
    assert "KB-0005" in html and "KB-0001" not in html


def _needs(app):
    from search_service.needs import open_needs

    return open_needs(app.extensions["fokus_store"])

