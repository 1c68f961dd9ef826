"""The insights pages' own words, in Swedish and English (the corpus file says which)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "insights": "Insikter",
        "overview": "Översikt", "searches": "Sökningar", "articles": "Artiklar",
        "comments": "Kommentarer", "needs": "Behov", "reviews": "Granskningar",
        "sign_in": "Logga in", "sign_out": "Logga ut", "login": "Användarnamn",
        "password": "Lösenord", "signed_in_as": "Inloggad som",
        "bad_password": "Fel användarnamn eller lösenord.",
        "too_many": "För många inloggningsförsök. Vänta en stund och försök igen.",
        "sso_denied": "Ditt konto har inte behörighet till insiktssidorna.",
        "form_expired": "Formuläret saknar giltig säkerhetstoken. Ladda om sidan och försök igen.",
        "period": "Period", "days_7": "7 dagar", "days_30": "30 dagar", "days_90": "90 dagar",
        "from": "Från", "to": "Till", "show": "Visa", "owner": "Ansvarig", "all_owners": "Alla",
        "csv": "Ladda ner CSV", "week": "Vecka", "trend": "Per vecka",
        "m.searches": "Sökningar", "m.zero_share": "Utan träffar",
        "m.click_share": "Klick på träff", "m.votes": "Röster", "m.helpful_share": "Hjälpte",
        "m.needs": "Behov",
        "top": "Vanligaste sökningarna", "zero": "Sökningar utan träffar",
        "unclicked": "Träffar men inget klick", "before_no": "Sökningar före ett Nej",
        "query": "Sökning", "count": "Antal", "zero_results": "Utan träffar",
        "last_seen": "Senast", "hits": "Träffar", "articles_voted": "Artiklar",
        "article": "Artikel", "question": "Fråga", "votes": "Röster", "helpful": "Hjälpte",
        "wilson": "Wilson (nedre)", "comments_n": "Kommentarer", "copies": "Länk kopierad",
        "visits": "Besök via länk", "review_due": "Granskas senast",
        "attention": "Behöver åtgärd", "date": "Datum", "answer": "Svar", "comment": "Kommentar",
        "yes": "Ja", "no": "Nej", "handled": "Hanterad", "mark_handled": "Markera hanterad",
        "show_handled": "Visa hanterade", "show_open": "Visa ohanterade",
        "text": "Text", "area": "Tjänsteområde", "status": "Status", "save": "Spara",
        "s.new": "Ny", "s.planned": "Planerad", "s.done": "Klar",
        "overdue": "Försenad", "due": "Inom 30 dagar", "reviewed": "Granskad",
        "empty": "Inget att visa för perioden.",
        "more": "Visar de {shown} första av {total} i den här ordningen. CSV-filen har alla.",
        "definitions": "Klick på träff: andel sökningar med träffar som följdes av ett klick på "
                       "en träff för samma sökning samma vecka. Wilson: nedre gränsen för "
                       "andelen som svarade Ja (95 %), som väger in hur få rösterna är.",
        "bad_period": "Perioden kunde inte läsas",
    },
    "en": {
        "insights": "Insights",
        "overview": "Overview", "searches": "Searches", "articles": "Articles",
        "comments": "Comments", "needs": "Needs", "reviews": "Reviews",
        "sign_in": "Sign in", "sign_out": "Sign out", "login": "User name",
        "password": "Password", "signed_in_as": "Signed in as",
        "bad_password": "Wrong user name or password.",
        "too_many": "Too many sign-in attempts. Wait a while and try again.",
        "sso_denied": "Your account may not see the insights pages.",
        "form_expired": "The form has no valid security token. Reload the page and try again.",
        "period": "Period", "days_7": "7 days", "days_30": "30 days", "days_90": "90 days",
        "from": "From", "to": "To", "show": "Show", "owner": "Owner", "all_owners": "All",
        "csv": "Download CSV", "week": "Week", "trend": "Per week",
        "m.searches": "Searches", "m.zero_share": "No results",
        "m.click_share": "Clicked a result", "m.votes": "Votes", "m.helpful_share": "Helpful",
        "m.needs": "Needs",
        "top": "Top searches", "zero": "Searches without results",
        "unclicked": "Results but no click", "before_no": "Searches before a No",
        "query": "Search", "count": "Count", "zero_results": "No results",
        "last_seen": "Last seen", "hits": "Results", "articles_voted": "Articles",
        "article": "Article", "question": "Question", "votes": "Votes", "helpful": "Helpful",
        "wilson": "Wilson (lower)", "comments_n": "Comments", "copies": "Link copied",
        "visits": "Visits via link", "review_due": "Review due",
        "attention": "Needs attention", "date": "Date", "answer": "Answer",
        "comment": "Comment", "yes": "Yes", "no": "No", "handled": "Handled",
        "mark_handled": "Mark handled", "show_handled": "Show handled",
        "show_open": "Show open", "text": "Text", "area": "Service area", "status": "Status",
        "save": "Save", "s.new": "New", "s.planned": "Planned", "s.done": "Done",
        "overdue": "Overdue", "due": "Within 30 days", "reviewed": "Reviewed",
        "empty": "Nothing to show for the period.",
        "more": "Showing the first {shown} of {total} in this order. The CSV has them all.",
        "definitions": "Clicked a result: share of searches with results that were followed "
                       "by a click on a result for the same search in the same week. Wilson: "
                       "the lower bound of the share of Yes answers (95 %), which weighs in how "
                       "few the votes are.",
        "bad_period": "The period could not be read",
    },
}


def text_for(language: str) -> dict[str, str]:
    return TEXT.get(language, TEXT["sv"])
