"""The insights blueprint: /insights/, what the helpdesk learns, for signed-in staff only.

Pages are rendered on the server (Jinja), in the portal's look (the built site's stylesheets,
served by the same app), in the corpus's language. Without a session a page redirects to the
sign-in form, and a CSV or JSON address answers 401."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify, redirect, request, url_for

from ..owners import OwnershipCache
from ..staff import init_staff, sso_identity

insights_blueprint = Blueprint("insights", __name__, url_prefix="/insights",
                               template_folder="templates", static_folder="static")


def init_insights(app: Flask) -> None:
    """Staff sign-in and the blueprint; init_feedback runs first (it makes the limiter)."""
    manager = init_staff(app)
    app.extensions["fokus_ownership"] = OwnershipCache(app.config["CORPUS_PATH"])

    @manager.unauthorized_handler
    def unauthorized():
        if request.path.endswith((".csv", ".json")):
            return jsonify(error="unauthorized", message="sign in to /insights/ first"), 401
        if sso_identity() is not None:  # the proxy vouches for someone not on the allow-list
            return auth.denied()
        target = request.full_path if request.query_string else request.path
        return redirect(url_for("insights.sign_in", next=target))

    app.register_blueprint(insights_blueprint)
    limiter = app.extensions["fokus_limiter"]
    limit = limiter.limit(lambda: current_app.config["SIGNIN_RATE_LIMIT"], methods=["POST"],
                          deduct_when=auth.failed_sign_in)
    by_login = limiter.limit(lambda: current_app.config["SIGNIN_RATE_LIMIT"], methods=["POST"],
                             key_func=auth.attempted_login, deduct_when=auth.failed_sign_in,
                             scope="insights-sign-in-login")
    app.view_functions["insights.sign_in"] = limit(by_login(auth.sign_in))



# The views register their routes on the blueprint when imported; they import it from here.
from . import auth, views  # noqa: E402, F401
