"""The HTTP API and the web map, built by one factory. DOCS: docs/api.md"""

from __future__ import annotations

from contested.web.app import create_app

__all__ = ["create_app"]
