"""HTTP security headers. Every asset is local and no page has inline script, so the policy can be strict."""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def trust_proxies(app: Flask) -> None:
    """Take the client's address and scheme from the ``TRUSTED_PROXIES`` reverse proxies in front.

    Behind a proxy every request comes from the proxy's address: rate limits would then count all
    clients as one, and the audit log would record the proxy. Each trusted proxy appends the address it
    saw to X-Forwarded-For; only that many entries from the right are believed, so a client cannot claim
    another address by sending the header itself. With 0 (the default) the headers are ignored.
    """
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def init_app(app: Flask) -> None:
    """Trust the configured proxies and add the headers to every response."""
    trust_proxies(app)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # Pages behind a login may show student data: no shared or back-button caches.
        if request.endpoint != "static" and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response
