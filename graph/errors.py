"""The one error type of the graph layer; its message is shown to users as is, credentials removed."""

from __future__ import annotations

import os
import re

# scheme://user:password@host → scheme://user:***@host (also scheme://token@host → scheme://***@host)
_URI_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<info>[^/\s@]+)@")
SECRET_VARIABLES = ("NEO4J_PASSWORD",)


def redact(text: str) -> str:
    """``text`` without credentials: the password part of URIs and the values of secret variables."""

    def userinfo(m: re.Match[str]) -> str:
        user, sep, _ = m["info"].partition(":")
        return f"{m['scheme']}{user}:***@" if sep else f"{m['scheme']}***@"

    text = _URI_USERINFO.sub(userinfo, text)
    for name in SECRET_VARIABLES:
        secret = os.environ.get(name) or ""
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


class StoreError(Exception):
    """A store could not be opened, or refused a query. The message never holds a credential."""

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))
