"""``POST /api/ingest``: the one write, allowed only with the server's bearer token."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from contested.ingest import ingest
from contested.web._state import KnowledgeBase, knowledge_base, require_write_token
from contested.web.models import ErrorBody, IngestParams, IngestResponse

router = APIRouter(prefix="/api", tags=["write"])
MAX_UPLOAD_BYTES = 256 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[\w][\w .()'-]*$")
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 413, 422)
}


def _upload_path(kb: KnowledgeBase, filename: str, body: bytes) -> Path:
    """Where an upload is kept: beside the knowledge base, one folder per content."""
    name = Path(filename).name
    if name != filename or not _SAFE_NAME.match(name):
        raise HTTPException(
            422, f"filename {filename!r} must be a plain file name (letters, digits, . _ - ( ))"
        )
    digest = hashlib.sha256(body).hexdigest()[:16]
    return kb.path.resolve().parent / "uploads" / digest / name


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, f"uploads are limited to {MAX_UPLOAD_BYTES:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"uploads are limited to {MAX_UPLOAD_BYTES:,} bytes")
        chunks.append(chunk)
    if size == 0:
        raise HTTPException(400, "the request body is empty: send the file's bytes as the body")
    return b"".join(chunks)


@router.post(
    "/ingest",
    response_model=IngestResponse,
    responses=ERRORS,
    dependencies=[Depends(require_write_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        }
    },
)
async def ingest_upload(
    request: Request,
    params: Annotated[IngestParams, Query()],
    kb: Annotated[KnowledgeBase, Depends(knowledge_base)],
) -> dict[str, Any]:
    """Store a document or dataset sent as the request body (needs the bearer token).

    The file is kept beside the knowledge base under `uploads/`; a file already
    ingested (same content) adds nothing.
    """
    body = await _read_body(request)
    path = _upload_path(kb, params.filename, body)
    async with kb.write_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        store = kb.store()
        try:
            results = await to_thread.run_sync(
                lambda: ingest(
                    [path],
                    store,
                    fmt=params.format,
                    on_error=params.on_error,
                    published=params.published,
                )
            )
        finally:
            store.close()
        kb.invalidate()
    return {
        "ok": True,
        "results": [
            {
                "source_id": r.source_id,
                "path": r.path,
                "added": r.added,
                "counts": r.counts,
                "skipped": [{"location": loc, "problem": why} for loc, why in r.skipped],
            }
            for r in results
        ],
    }
