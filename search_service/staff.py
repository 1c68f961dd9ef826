"""Staff accounts and sign-in for the insights pages.

Two ways in, both through Flask-Login:
- a local account (`fokus staff add NAME`): the password is kept only as an argon2id hash
  (argon2-cffi), the sign-in form carries a CSRF token (Flask-WTF), and failed sign-ins are
  rate-limited per client address and per login name;
- single sign-on: a reverse proxy at one of `TRUSTED_PROXIES` puts the signed-in user in
  `SSO_HEADER` (and groups in `SSO_GROUPS_HEADER`); only users or groups on the allow-lists
  get in, and the header is ignored from any other address.

The session cookie is HttpOnly, SameSite=Lax, limited to /insights, Secure whenever the request
came over HTTPS (directly or, from a trusted proxy, by X-Forwarded-Proto), and ends
`SESSION_HOURS` after sign-in.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin
from sqlalchemy import delete, insert, select

from .privacy import load_salt
from .store import EventStore, staff_accounts

MIN_PASSWORD = 10
MAX_LOGIN = 80
HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the login does not exist, so both cases take the same time.
_DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class StaffError(ValueError):
    """A staff command that cannot be carried out; the message says why."""


# -- accounts ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class StaffAccount:
    login: str
    owner: str | None
    created_at: datetime


def add_staff(store: EventStore, login: str, password: str, owner: str | None = None) -> None:
    login = login.strip()
    if not login or len(login) > MAX_LOGIN or any(c.isspace() for c in login):
        raise StaffError(f"the name must be 1-{MAX_LOGIN} characters without spaces")
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"the password must be at least {MIN_PASSWORD} characters")
    if find_staff(store, login) is not None:
        raise StaffError(f"{login} already has an account; `fokus staff remove {login}` first")
    with store.transaction() as connection:
        connection.execute(insert(staff_accounts), {
            "login": login, "password_hash": HASHER.hash(password),
            "owner": (owner or "").strip() or None, "created_at": store.clock()})


def list_staff(store: EventStore) -> list[StaffAccount]:
    rows = store.read(select(staff_accounts).order_by(staff_accounts.c.login))
    return [StaffAccount(r["login"], r["owner"], r["created_at"]) for r in rows]


def find_staff(store: EventStore, login: str) -> StaffAccount | None:
    rows = store.read(select(staff_accounts).where(staff_accounts.c.login == login))
    return StaffAccount(rows[0]["login"], rows[0]["owner"], rows[0]["created_at"]) if rows \
        else None


def remove_staff(store: EventStore, login: str) -> None:
    with store.transaction() as connection:
        removed = connection.execute(delete(staff_accounts)
                                     .where(staff_accounts.c.login == login)).rowcount
    if not removed:
        raise StaffError(f"there is no staff account {login}")


def check_password(store: EventStore, login: str, password: str) -> StaffAccount | None:
    """The account when the password is right; None otherwise, in the same time either way."""
    rows = store.read(select(staff_accounts).where(staff_accounts.c.login == login))
    stored = rows[0]["password_hash"] if rows else _DUMMY_HASH
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if not rows:
        return None
    return StaffAccount(rows[0]["login"], rows[0]["owner"], rows[0]["created_at"])


# -- sign-in ----------------------------------------------------------------------------------

class StaffUser(UserMixin):
    """A signed-in member of staff: `via` is "local" or "sso"."""

    def __init__(self, login: str, owner: str | None, via: str):
        self.login, self.owner, self.via = login, owner, via

    def get_id(self) -> str:
        return f"{self.via}:{self.login}"


def init_staff(app: Flask) -> LoginManager:
    """Session settings and Flask-Login; the insights blueprint adds the views."""
    app.secret_key = app.config["SECRET_KEY"] or load_salt(None, app.config["SECRET_KEY_FILE"])
    app.config.update(SESSION_COOKIE_NAME="fokus_staff", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_PATH="/insights",
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=app.config["SESSION_HOURS"]),
                      REMEMBER_COOKIE_HTTPONLY=True, WTF_CSRF_TIME_LIMIT=None)
    app.session_interface = StaffSessionInterface()
    manager = LoginManager(app)
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(user_id: str) -> StaffUser | None:
        via, _, login = user_id.partition(":")
        if via != "local":
            return None
        account = find_staff(app.extensions["fokus_store"], login)  # removed: signed out
        return StaffUser(account.login, account.owner, "local") if account else None

    @manager.request_loader
    def load_from_proxy(_request: Any) -> StaffUser | None:
        return sso_user()

    return manager


class StaffSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or came_over_https()


def came_over_https() -> bool:
    if request.is_secure:
        return True
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return forwarded == "https" and from_trusted_proxy()


def from_trusted_proxy() -> bool:
    # The peer itself: behind ProxyFix (PROXY_COUNT) remote_addr is the client's address.
    peer = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR")
    try:
        address = ipaddress.ip_address(peer or request.remote_addr or "")
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(trusted, strict=False)
               for trusted in current_app.config["TRUSTED_PROXIES"])


def sso_identity() -> tuple[str, set[str]] | None:
    """The user and groups the trusted proxy vouches for; None when there is no such header
    or it does not come from a trusted proxy."""
    header = current_app.config["SSO_HEADER"]
    if not header or not from_trusted_proxy():
        return None
    login = request.headers.get(header, "").strip()
    if not login:
        return None
    groups_header = current_app.config["SSO_GROUPS_HEADER"]
    groups = request.headers.get(groups_header, "") if groups_header else ""
    return login, {g.strip() for g in groups.split(",") if g.strip()}


def sso_user() -> StaffUser | None:
    identity = sso_identity()
    if identity is None:
        return None
    login, groups = identity
    config = current_app.config
    if login not in config["SSO_ALLOWED_USERS"] and not groups & set(
            config["SSO_ALLOWED_GROUPS"]):
        return None
    account = find_staff(current_app.extensions["fokus_store"], login)
    return StaffUser(login, account.owner if account else None, "sso")
