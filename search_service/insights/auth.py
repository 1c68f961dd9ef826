"""Sign-in and sign-out for the insights pages (see search_service.staff)."""

from __future__ import annotations

from flask import Response, current_app, redirect, render_template, request, session, url_for
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..privacy import pseudonym
from ..staff import MAX_LOGIN, StaffUser, check_password
from . import insights_blueprint
from .pages import page_context


class SignInForm(FlaskForm):
    login = StringField(validators=[DataRequired(), Length(max=MAX_LOGIN)])
    password = PasswordField(validators=[DataRequired(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something: it carries only the CSRF token."""


@insights_blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    failed = False
    if form.validate_on_submit():
        account = check_password(current_app.extensions["fokus_store"], form.login.data,
                                 form.password.data)
        if account is not None:
            session.permanent = True  # ends SESSION_HOURS after sign-in
            login_user(StaffUser(account.login, account.owner, "local"))
            return redirect(safe_next(request.args.get("next")), code=303)
        failed = True
    elif request.method == "POST" and form.csrf_token.errors:
        return form_expired()
    status = 401 if failed or request.method == "POST" else 200
    return render_template("insights/sign_in.html", form=form, failed=failed,
                           **page_context("sign_in")), status


@insights_blueprint.post("/sign-out")
@login_required
def sign_out():
    if not ActionForm().validate_on_submit():
        return form_expired()
    logout_user()
    return redirect(url_for("insights.sign_in"), code=303)


def failed_sign_in(response: Response) -> bool:
    """Only failed attempts count against the sign-in rate limit."""
    return response.status_code != 303


def attempted_login() -> str:
    """The second rate limit counts per login name tried (a pseudonym), from any address."""
    typed = (request.form.get("login") or "").strip().lower()
    return pseudonym(current_app.extensions["fokus_salt"], f"sign-in:{typed}")


def safe_next(target: str | None) -> str:
    """Only back into the insights pages: never an open redirect to another site."""
    if target and target.startswith("/insights/") and "//" not in target and "\\" not in target:
        return target
    return url_for("insights.overview")


def form_expired():
    return render_template("insights/message.html", message_key="form_expired",
                           **page_context("sign_in")), 400


def denied():
    return render_template("insights/message.html", message_key="sso_denied",
                           **page_context("sign_in")), 403


@insights_blueprint.errorhandler(RateLimitExceeded)
def too_many(_error: RateLimitExceeded):
    return render_template("insights/message.html", message_key="too_many",
                           **page_context("sign_in")), 429


@insights_blueprint.errorhandler(CSRFError)
def csrf_error(_error: CSRFError):
    return form_expired()


def signed_in_user() -> str | None:
    return current_user.login if current_user.is_authenticated else None
