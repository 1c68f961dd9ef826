"""The insights pages: overview, searches, articles, comments, needs and reviews.

Every table can be sorted (`?sort=TABLE.COLUMN&dir=asc|desc`, links in the headers) and
downloaded as CSV with the same rows; every chart is an SVG drawn here."""

from __future__ import annotations

from flask import Response, abort, current_app, jsonify, redirect, render_template, request
from flask_login import login_required

from .. import figures
from ..feedback_report import wilson_lower_bound
from ..needs import needs_between, update_need
from ..periods import Period, PeriodError
from ..store import NEED_STATUSES
from . import insights_blueprint
from .auth import ActionForm, form_expired
from .charts import bars, sparkline
from .pages import chosen_owner, current_period, link, ownership, page_context, today
from .tables import Column, Table, to_csv
from .text import text_for

CARDS = (  # (label, total, whole for a share or None, trend metric)
    ("m.searches", "searches", None),
    ("m.zero_share", "zero_result_searches", "searches"),
    ("m.click_share", "clicked_searches", "searches_with_hits"),
    ("m.votes", "votes", None),
    ("m.helpful_share", "helpful_votes", "votes"),
    ("m.needs", "needs", None),
)


def store():
    return current_app.extensions["fokus_store"]


def t() -> dict[str, str]:
    return text_for(ownership().language)


# -- routes -----------------------------------------------------------------------------------

@insights_blueprint.get("/")
@login_required
def overview():
    period = current_period()
    data = figures.overview(store(), period)
    cards = []
    for label, metric, whole in CARDS:
        value = data.share(metric, whole) if whole else data.totals[metric]
        cards.append({"label": t()[label], "value": value, "share": whole is not None,
                      "chart": sparkline(data.trend(metric, whole),
                                         label=f"{t()[label]}: {t()['trend'].lower()}")})
    week_labels = [f"v{monday.isocalendar().week}" for monday, _ in data.weeks]
    chart = bars(data.trend("searches"), labels=week_labels,
                 title=f"{t()['m.searches']} – {t()['trend'].lower()}")
    return render_template("insights/overview.html", cards=cards, chart=chart,
                           tables=[overview_table(data)], **page_context("overview", period))


@insights_blueprint.get("/overview.json")
@login_required
def overview_json():
    data = figures.overview(store(), current_period())
    return jsonify(
        first=data.period.first.isoformat(), last=data.period.last.isoformat(),
        totals={m: data.totals[m] for m in figures.METRICS},
        shares={"zero_results": data.share("zero_result_searches", "searches"),
                "click_through": data.share("clicked_searches", "searches_with_hits"),
                "helpful": data.share("helpful_votes", "votes")},
        weeks=[{"week": monday.isoformat(), **{m: counts[m] for m in figures.METRICS}}
               for monday, counts in data.weeks])


@insights_blueprint.get("/searches")
@login_required
def searches():
    period = current_period()
    return render_template("insights/tables.html", tables=searches_tables(period),
                           **page_context("searches", period))


@insights_blueprint.get("/articles")
@login_required
def articles():
    period = current_period()
    return render_template("insights/tables.html", tables=[articles_table(period)],
                           owner_filter=True, **page_context("articles", period))


@insights_blueprint.get("/comments")
@login_required
def comments():
    period = current_period()
    handled = request.args.get("handled") == "1"
    return render_template("insights/comments.html", tables=[comments_table(period, handled)],
                           handled=handled, form=ActionForm(), owner_filter=True,
                           **page_context("comments", period))


@insights_blueprint.post("/comments/<int:vote_id>/handled")
@login_required
def comment_handled(vote_id: int):
    if not ActionForm().validate_on_submit():
        return form_expired()
    if not figures.mark_handled(store(), vote_id, request.form.get("undo") != "1"):
        abort(404)
    return redirect(back_to("insights.comments"), code=303)


@insights_blueprint.get("/needs")
@login_required
def needs():
    period = current_period()
    return render_template("insights/needs.html", tables=[needs_table(period)],
                           statuses=NEED_STATUSES, form=ActionForm(), owner_filter=True,
                           **page_context("needs", period))


@insights_blueprint.post("/needs/<int:need_id>")
@login_required
def need_changed(need_id: int):
    if not ActionForm().validate_on_submit():
        return form_expired()
    status = request.form.get("status")
    if status not in NEED_STATUSES:
        abort(400)
    if not update_need(store(), need_id, status=status,
                       owner=(request.form.get("owner") or "")[:80]):
        abort(404)
    return redirect(back_to("insights.needs"), code=303)


@insights_blueprint.get("/reviews")
@login_required
def reviews():
    return render_template("insights/tables.html", tables=[reviews_table()], owner_filter=True,
                           **page_context("reviews", None))


@insights_blueprint.get("/<page>/<name>.csv")
@insights_blueprint.get("/<name>.csv", defaults={"page": None})
@login_required
def csv_download(page: str | None, name: str):
    tables = {table.name: table for table in all_tables(page or name, name)}
    table = tables.get(name)
    if table is None:
        abort(404)
    period = "" if table.name == "reviews" else "-{0.first}-{0.last}".format(current_period())
    filename = f"fokus-{table.name}{period}.csv"
    return Response(to_csv(table), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@insights_blueprint.errorhandler(PeriodError)
def bad_period(error: PeriodError):
    if request.path.endswith((".csv", ".json")):
        return jsonify(error="bad_request", field=error.field, message=error.message), 400
    return render_template("insights/message.html", message_key="bad_period",
                           detail=f"{error.field}: {error.message}",
                           **page_context("overview")), 400


def back_to(endpoint: str) -> str:
    """After a form: the page it came from, with its period, owner and sort."""
    referrer = request.form.get("back") or ""
    return referrer if referrer.startswith("/insights/") and "//" not in referrer \
        else link(endpoint)


# -- the tables -------------------------------------------------------------------------------

def all_tables(page: str, name: str) -> list[Table]:
    if page == "reviews":
        return [reviews_table()]
    period = current_period()
    builders = {
        "overview": lambda: [overview_table(figures.overview(store(), period))],
        "searches": lambda: searches_tables(period, only=name),
        "articles": lambda: [articles_table(period)],
        "comments": lambda: [comments_table(period, request.args.get("handled") == "1")],
        "needs": lambda: [needs_table(period)],
    }
    if page not in builders:
        abort(404)
    return builders[page]()


def sorted_table(table: Table) -> Table:
    """Applies `?sort=TABLE.COLUMN&dir=…` when it names this table."""
    wanted, _, column = (request.args.get("sort") or "").partition(".")
    direction = request.args.get("dir")
    descending = None if direction not in ("asc", "desc") else direction == "desc"
    return table.sorted_by(column if wanted == table.name else None, descending)


def overview_table(data: figures.Overview) -> Table:
    words = t()
    rows = [{"week": monday, "searches": c["searches"],
             "zero_share": _share(c["zero_result_searches"], c["searches"]),
             "click_share": _share(c["clicked_searches"], c["searches_with_hits"]),
             "votes": c["votes"], "helpful_share": _share(c["helpful_votes"], c["votes"]),
             "needs": c["needs"], "copies": c["link_copies"], "visits": c["link_visits"]}
            for monday, c in data.weeks]
    columns = [Column("week", words["week"], "date"), Column("searches", words["m.searches"],
                                                               "int"),
               Column("zero_share", words["m.zero_share"], "share"),
               Column("click_share", words["m.click_share"], "share"),
               Column("votes", words["m.votes"], "int"),
               Column("helpful_share", words["m.helpful_share"], "share"),
               Column("needs", words["m.needs"], "int"), Column("copies", words["copies"], "int"),
               Column("visits", words["visits"], "int")]
    return sorted_table(Table("overview", words["trend"], columns, rows, sort="week",
                              descending=False))


SEARCH_TABLES = ("top", "zero", "unclicked", "before_no")


def searches_tables(period: Period, only: str | None = None) -> list[Table]:
    """The four lists of the Searches page, or just the one a CSV asks for."""
    words = t()
    query, count, last = (Column("query", words["query"]), Column("count", words["count"], "int"),
                          Column("last_seen", words["last_seen"], "datetime"))
    extra = {"top": Column("zero_results", words["zero_results"], "int"),
             "unclicked": Column("hits", words["hits"], "int"),
             "before_no": Column("articles", words["articles_voted"], "int")}
    rows = {"top": figures.top_queries, "zero": figures.zero_result_queries,
            "unclicked": figures.unclicked_queries, "before_no": figures.queries_before_no}
    tables = []
    for name in SEARCH_TABLES:
        if only is not None and name != only:
            continue
        columns = [query, count, *([extra[name]] if name in extra else []), last]
        tables.append(sorted_table(Table(name, words[name], columns,
                                         rows[name](store(), period), sort="count")))
    return tables


def articles_table(period: Period) -> Table:
    words, owners, owner = t(), ownership(), chosen_owner()
    enough = current_app.config["INSIGHTS_MIN_VOTES"]
    rows = []
    for target in figures.target_figures(store(), period):
        f = target.feedback
        info = owners.articles.get(f.article_id)
        if owner and (info is None or info.owner != owner):
            continue
        rows.append({
            "article": f"{info.kb if info else f'KB-{f.article_id:04d}'} "
                       f"{owners.title_of(f.article_id)}",
            "article_path": f"/{info.path}" if info else None,
            "question": owners.title_of(f.article_id, f.anchor) if f.anchor else "",
            "votes": f.votes, "helpful_share": f.helpful_share if f.votes else None,
            "wilson": wilson_lower_bound(f.helpful, f.votes) if f.votes else None,
            "comments": f.comments_total, "copies": target.link_copies,
            "visits": target.link_visits, "owner": info.owner if info else "",
            "review_due": info.review_due if info else None,
            # Lowest bound first among those with enough votes; the rest by votes, after.
            "_attention": (0, f.wilson_lower_bound, -f.votes) if f.votes >= enough
            else (1, -f.votes, f.article_id)})
    columns = [Column("article", words["article"]), Column("question", words["question"]),
               Column("votes", words["votes"], "int"),
               Column("helpful_share", words["helpful"], "share"),
               Column("wilson", words["wilson"], "ratio"),
               Column("comments", words["comments_n"], "int"),
               Column("copies", words["copies"], "int"), Column("visits", words["visits"], "int"),
               Column("owner", words["owner"]), Column("review_due", words["review_due"], "date")]
    table = Table("articles", words["articles"], columns, rows, sort="attention",
                  descending=False, sort_keys={"attention": lambda row: row["_attention"]})
    return sorted_table(table)


def comments_table(period: Period, handled: bool) -> Table:
    words, owners, owner = t(), ownership(), chosen_owner()
    rows = []
    for vote in figures.comments(store(), period, handled=handled):
        info = owners.articles.get(vote["article_id"])
        if owner and (info is None or info.owner != owner):
            continue
        rows.append({
            "id": vote["id"], "date": vote["updated_at"],
            "article": f"{info.kb if info else ''} {owners.title_of(vote['article_id'])}".strip(),
            "article_path": f"/{info.path}" if info else None,
            "question": owners.title_of(vote["article_id"], vote["anchor"])
            if vote["anchor"] else "",
            "answer": words["yes"] if vote["helpful"] else words["no"],
            "comment": vote["comment"], "query": vote["query"] or ""})
    columns = [Column("date", words["date"], "datetime"), Column("article", words["article"]),
               Column("question", words["question"]), Column("answer", words["answer"]),
               Column("comment", words["comment"]), Column("query", words["query"])]
    return sorted_table(Table("comments", words["comments"], columns, rows, sort="date"))


def needs_table(period: Period) -> Table:
    words, owners, owner = t(), ownership(), chosen_owner()
    default = current_app.config["DEFAULT_OWNER"]
    rows = []
    for need in needs_between(store(), period.start, period.end):
        responsible = need["owner"] or owners.owner_of_area(need["category"], default)
        if owner and responsible != owner:
            continue
        rows.append({
            "id": need["id"], "date": need["created_at"], "text": need["text"],
            "query": need["query"] or "",
            "area": owners.areas.get(need["category"] or "", need["category"] or ""),
            "article": owners.title_of(need["article_id"]) if need["article_id"] else "",
            "owner": responsible, "assigned_owner": need["owner"] or "",
            "status": need["status"], "status_label": words[f"s.{need['status']}"]})
    columns = [Column("date", words["date"], "datetime"), Column("text", words["text"]),
               Column("query", words["query"]), Column("area", words["area"]),
               Column("article", words["article"]), Column("owner", words["owner"]),
               Column("status_label", words["status"])]
    return sorted_table(Table("needs", words["needs"], columns, rows, sort="date"))


def reviews_table() -> Table:
    words, owners, owner = t(), ownership(), chosen_owner()
    rows = [{"owner": a.owner, "article": f"{a.kb} {a.title}", "article_path": f"/{a.path}",
             "review_due": a.review_due, "reviewed": a.reviewed, "state": words[state],
             "_order": (a.owner.casefold(), a.review_due)}
            for state, a in owners.reviews(today()) if not owner or a.owner == owner]
    columns = [Column("owner", words["owner"]), Column("article", words["article"]),
               Column("review_due", words["review_due"], "date"),
               Column("reviewed", words["reviewed"], "date"), Column("state", words["status"])]
    return sorted_table(Table("reviews", words["reviews"], columns, rows, sort="owner",
                              descending=False,
                              sort_keys={"owner": lambda row: row["_order"]}))


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None

