"""Every error the API returns, in one shape: ``{"ok": false, "error", "errors", "status"}``.

The one place where exceptions become HTTP responses (as datasette's
``handle_exception``). ``errors`` lists each problem as ``{"loc", "msg"}``:
``loc`` names the parameter (``query.limit``) or is null.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from contested.errors import ContestedError, InputError, NotFound, StoreError, UsageError

log = logging.getLogger("contested.web")

SEE_SPEC = "the endpoints and their parameters are described at /openapi.json"


def error_response(
    status: int,
    message: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The one JSON error shape."""
    body = {
        "ok": False,
        "error": message,
        "errors": errors if errors is not None else [{"loc": None, "msg": message}],
        "status": status,
    }
    return JSONResponse(body, status_code=status, headers=headers)


def _where(request: Request) -> str:
    return f"{request.method} {request.url.path}"


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code in (404, 405) and detail in ("Not Found", "Method Not Allowed"):
        detail = f"{exc.status_code} {detail}: {_where(request)}; {SEE_SPEC}"
    return error_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": ".".join(str(part) for part in e.get("loc", ())), "msg": e.get("msg", "")}
        for e in exc.errors()
    ]
    names = ", ".join(e["loc"] for e in errors)
    message = f"422 invalid parameters ({names}) in {_where(request)}; {SEE_SPEC}"
    return error_response(422, message, errors)


_STATUS: tuple[tuple[type[ContestedError], int], ...] = (
    (NotFound, 404),
    (InputError, 422),
    (UsageError, 400),
    (StoreError, 500),
)


async def contested_error(request: Request, exc: Exception) -> JSONResponse:
    status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)
    if status == 500:
        log.error("%s failed: %s", _where(request), exc)
    return error_response(status, str(exc))


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s failed", _where(request), exc_info=exc)
    return error_response(500, f"500 internal error in {_where(request)}; see the server log")


def install(app: FastAPI) -> None:
    """Route every exception the app can meet to the one error shape."""
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(ContestedError, contested_error)
    app.add_exception_handler(Exception, unexpected_error)
