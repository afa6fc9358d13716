"""One letter: its original beside the extracted values; save corrections, approve, reject; its audit trail.
Originals and page images are served by the stored document id only."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from pipeline.store.corrections import corrections_of, describe
from pipeline.store.rereading import adopt_reading, differences
from pipeline.store.supersession import relations
from pipeline.store.models import AuditEntry, Document, FlagState, ReviewFlag
from pipeline.store.queries import is_spot_check
from pipeline.web import flagged, history, letters, queries, review
from pipeline.web import render as originals
from pipeline.web.labels import CRITERIA, FREQUENCIES, OFFERS, QUALIFICATIONS
from pipeline.web.boundary import Id, shaped
from pipeline.web.pages import flash, render

router = APIRouter()


def _doc(session, doc_id: int, *, for_update: bool = False) -> Document:  # noqa: ANN001
    doc = session.get(Document, doc_id, with_for_update=for_update)
    if doc is None:
        raise HTTPException(404, "Không có tài liệu này")
    return doc


def changes_since(session, doc: Document, version: int) -> list[dict]:  # noqa: ANN001
    """What happened to a letter after `version` (the audit entries that made a newer version), oldest first."""
    entries = session.scalars(select(AuditEntry).where(AuditEntry.document_id == doc.id)
                              .order_by(AuditEntry.at, AuditEntry.id)).all()
    out = []
    for a in entries:
        made = (a.detail or {}).get("version") if isinstance(a.detail, dict) else None
        if isinstance(made, int) and made > version:
            what = a.detail.get("what") or a.detail.get("reason") or a.detail.get("note") or ""
            change = (f"{a.detail.get('old') if a.detail.get('old') is not None else '—'} → "
                      f"{a.detail.get('new') if a.detail.get('new') is not None else '—'}"
                      if a.action == "corrected" else "")
            out.append({"at": a.at, "actor": a.actor, "action": a.action, "what": what, "change": change})
    return out


def _form_version(form: dict[str, str]) -> int:
    value = form.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


def _page_context(request: Request, session, doc: Document, *, values=None, errors=None,  # noqa: ANN001
                  editing: bool, stale: list[dict] | None = None) -> dict:
    settings = request.app.state.settings
    flags = session.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc.id)
                            .order_by(ReviewFlag.state.desc(), ReviewFlag.id)).all()
    audit = session.scalars(select(AuditEntry).where(AuditEntry.document_id == doc.id)
                            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(100)).all()
    lock = queries.lock_holder(session, doc.id)
    ext = shaped(doc.extraction)            # a damaged stored value must not break the page
    original = {"kind": "missing", "pages": 0, "boxes": [], "blocks": []}
    try:
        path = originals.original_path(doc, settings.data_dir)
        if originals.is_pdf(doc):
            count = originals.page_count(path)
            original.update(kind="pdf", pages=min(count, originals.MAX_PAGES_SHOWN), total_pages=count,
                            boxes=[b.__dict__ for b in originals.pdf_boxes(path, ext)])
        elif originals.is_image(doc):
            count = originals.image_page_count(path)
            original.update(kind="image", pages=min(count, originals.MAX_PAGES_SHOWN), total_pages=count,
                            boxes=[b.__dict__ for b in originals.image_boxes(path, ext)])
        else:
            original.update(kind="docx", blocks=originals.docx_blocks(path, ext))
    except originals.OriginalMissing:
        pass
    except Exception as exc:  # noqa: BLE001  (a damaged original must not hide the values)
        original.update(kind="error", error=str(exc)[:300])
    values = values if values is not None else review.form_values(ext)
    return {"doc": doc, "new_rows": {section: review.new_rows(section, values) or [review.NEW]
                                     for section in review.LISTS}, "title": queries.letter_title(doc), "history": history, "ext": ext, "flags": flags, "audit": audit, "lock": lock,
            "corrections": [(c, describe(c)) for c in corrections_of(session, doc.id)], "original": original,
            "stale": stale, "relations": relations(session, doc), "pending": (differences(ext, doc.pending_reading)
                                        if doc.pending_reading is not None else None),
            "sources": originals.snippets(ext),
            "needs_total": sum(n["quantity"] for n in ext["hiring_needs"]
                               if isinstance(n.get("quantity"), int) and not isinstance(n.get("quantity"), bool)),
            "values": values,
            "errors": errors or {}, "editing": editing, "zone": queries.zone_of(doc),
            "spot_check": is_spot_check(session, doc, settings.review_spot_check_share),
            "choices": {"qualification": QUALIFICATIONS, "category": CRITERIA, "kind": OFFERS,
                        "frequency": FREQUENCIES},
            "open_flags": [f for f in flags if f.state == FlagState.open],
            "marks": flagged.marks(ext, [f for f in flags if f.state == FlagState.open])}


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: Id) -> Response:
    """Viewing never locks: the lock is taken by the first edit (the page asks for it) or by "Nhận xử lý"."""
    user = request.state.user
    with request.app.state.store.session() as session:
        doc = _doc(session, doc_id)
        holder = queries.lock_holder(session, doc.id)
        editing = doc.status != "rejected" and (holder is None or holder.user_name == user.name)
        return render(request, "document.html", **_page_context(request, session, doc, editing=editing))


@router.post("/documents/{doc_id}/lock")
def document_lock(request: Request, doc_id: Id) -> Response:
    """Take (or renew) the edit lock: called by the page on the officer's first edit. 409 with the holder when
    another officer has it."""
    user = request.state.user
    with request.app.state.store.session() as session:
        doc = _doc(session, doc_id)
        if doc.status == "rejected":
            return JSONResponse({"ok": False, "message": "Văn bản đã bị từ chối; không sửa được nữa."}, 409)
        lock = queries.acquire_lock(session, doc.id, user.name)
        if lock is None:
            holder = queries.lock_holder(session, doc.id)
            return JSONResponse({"ok": False, "holder": holder.user_name, "until": _vn_clock(holder.expires_at),
                                 "message": f"{holder.user_name} đang xử lý văn bản này (đến "
                                            f"{_vn_clock(holder.expires_at)}); bạn chưa sửa được."}, 409)
        return JSONResponse({"ok": True, "holder": user.name, "until": _vn_clock(lock.expires_at)})


def _vn_clock(at) -> str:  # noqa: ANN001
    return at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%H:%M %d/%m/%Y")


@router.post("/documents/{doc_id}")
async def document_action(request: Request, doc_id: Id) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_act, request, doc_id, form)


def _act(request: Request, doc_id: int, form: dict[str, str]) -> Response:
    user = request.state.user
    action = form.get("action", "save")
    note = (form.get("note") or "").strip()[:1000] or None
    settings = request.app.state.settings
    with request.app.state.store.session() as session:
        doc = _doc(session, doc_id, for_update=True)      # one decision at a time per letter
        if queries.acquire_lock(session, doc.id, user.name) is None:
            holder = queries.lock_holder(session, doc.id)
            flash(request, f"Văn bản đang được {holder.user_name} chỉnh sửa; chưa lưu được thay đổi.", "error")
            return RedirectResponse(f"/documents/{doc.id}", status_code=303)
        if action == "reinstate":
            if not review.can_reinstate(doc):
                queries.release_lock(session, doc.id, user.name)       # taken above; nothing to hold it for
                flash(request, "Văn bản này không bị cán bộ từ chối; không có gì để khôi phục.", "error")
                return RedirectResponse(f"/documents/{doc.id}", status_code=303)
            status = review.reinstate(session, doc, user.name)
            queries.release_lock(session, doc.id, user.name)
            flash(request, f"Đã khôi phục văn bản #{doc.id}: " + ("văn bản quay lại hàng chờ duyệt."
                                                                  if status == "needs_review"
                                                                  else "văn bản được tính lại như trước."))
            return RedirectResponse(f"/documents/{doc.id}", status_code=303)
        if doc.status == "rejected" and action != "release":
            flash(request, "Văn bản đã bị từ chối; không sửa được nữa.", "error")
            return RedirectResponse(f"/documents/{doc.id}", status_code=303)
        if action == "release":
            queries.release_lock(session, doc.id, user.name)
            return RedirectResponse("/queue", status_code=303)
        if action == "claim":
            flash(request, "Bạn đã nhận xử lý văn bản này; người khác chỉ xem được đến "
                           f"{_vn_clock(queries.lock_holder(session, doc.id).expires_at)} (tự gia hạn khi bạn lưu).")
            return RedirectResponse(f"/documents/{doc.id}", status_code=303)
        if _form_version(form) != doc.version:
            # Someone changed the letter after this form was shown (an expired lock, a re-reading): saving it
            # would silently undo their work. Nothing is saved; the officer sees what changed and the new values.
            stale = changes_since(session, doc, _form_version(form))
            ctx = _page_context(request, session, doc, editing=True, stale=stale)
            return render(request, "document.html", 409, **ctx)
        if action == "adopt_reading" and doc.pending_reading is not None:
            adopt_reading(session, doc, user.name)
            flash(request, "Đã dùng bản đọc mới. Hãy đối chiếu rồi duyệt lại.")
            return RedirectResponse(f"/documents/{doc.id}", status_code=303)
        spot = is_spot_check(session, doc, settings.review_spot_check_share)
        if action == "reject":
            reason = (form.get("reason") or "").strip()[:500]
            if not reason:
                flash(request, "Hãy ghi lý do từ chối.", "error")
                return RedirectResponse(f"/documents/{doc.id}", status_code=303)
            review.reject(session, doc, user.name, reason, spot_check=spot)
            queries.release_lock(session, doc.id, user.name)
            flash(request, f"Đã từ chối văn bản #{doc.id}.", undo=doc.id)
            return RedirectResponse("/queue", status_code=303)
        edit = review.parse_form(doc.extraction, form)
        if edit.errors:
            ctx = _page_context(request, session, doc, values=review.with_submitted(doc.extraction, form),
                                errors=edit.errors, editing=True)
            return render(request, "document.html", 422, **ctx)
        changed = review.apply_edit(session, doc, edit, user.name, note)
        if action in ("approve", "approve_next"):
            corrected = changed > 0 or bool(corrections_of(session, doc.id))
            review.approve(session, doc, user.name, spot_check=spot, corrected=corrected, note=note)
            queries.release_lock(session, doc.id, user.name)
            flash(request, f"Đã duyệt văn bản #{doc.id}" + (f" ({changed} giá trị được sửa)." if changed else "."))
            _say_cleaned(request)
            following = (letters.next_in_queue(session, spot_share=settings.review_spot_check_share,
                                               after=doc.id, user=user.name) if action == "approve_next" else None)
            if action == "approve_next" and following is None:
                flash(request, "Hàng chờ không còn văn bản nào khác.")
            return RedirectResponse(f"/documents/{following}" if following else "/queue", status_code=303)
        flash(request, f"Đã lưu {changed} thay đổi." if changed else "Không có giá trị nào thay đổi.")
        _say_cleaned(request)
        return RedirectResponse(f"/documents/{doc.id}", status_code=303)


def _say_cleaned(request: Request) -> None:
    """Tell the officer which typed values lost control characters at the door (pipeline/web/boundary.py)."""
    cleaned = [name for name in getattr(request.state, "cleaned_fields", []) if "." in name]
    if cleaned:
        flash(request, "Đã bỏ ký tự điều khiển (không in được) khỏi giá trị đã nhập: " + ", ".join(cleaned[:10])
              + ". Hãy kiểm tra lại.", "error")


@router.get("/documents/{doc_id}/original")
def document_original(request: Request, doc_id: Id) -> Response:
    with request.app.state.store.session() as session:
        doc = _doc(session, doc_id)
        try:
            path = originals.original_path(doc, request.app.state.settings.data_dir)
        except originals.OriginalMissing:
            raise HTTPException(404, "Không còn bản gốc") from None
        media = doc.media_type or "application/octet-stream"
        name = doc.file_name
    return FileResponse(path, media_type=media, filename=name, content_disposition_type="attachment")


@router.get("/documents/{doc_id}/pages/{page}.jpg")
def document_page_jpeg(request: Request, doc_id: Id, page: int) -> Response:
    """A page as JPEG, what the review page shows (lighter than PNG); loaded by the browser only when scrolled to."""
    return document_page_image(request, doc_id, page, fmt="JPEG")


@router.get("/documents/{doc_id}/pages/{page}.png")
def document_page_image(request: Request, doc_id: Id, page: int, fmt: str = "PNG") -> Response:
    with request.app.state.store.session() as session:
        doc = _doc(session, doc_id)
        render_page = (originals.page_png if originals.is_pdf(doc)
                       else originals.image_page_png if originals.is_image(doc) else None)
        if render_page is None:
            raise HTTPException(404)
        try:
            path = originals.original_path(doc, request.app.state.settings.data_dir)
        except originals.OriginalMissing:
            raise HTTPException(404, "Không còn bản gốc") from None
        sha = doc.sha256
    if not 1 <= page <= originals.MAX_PAGES_SHOWN:
        raise HTTPException(404)
    try:
        png = render_page(path, page, sha, "JPEG" if fmt == "JPEG" else "PNG")
    except IndexError:
        raise HTTPException(404) from None
    except Exception:  # noqa: BLE001  (a damaged original: its page cannot be drawn; the values are still shown)
        raise HTTPException(422, "Không dựng được ảnh trang: bản gốc bị hỏng") from None
    return Response(png, media_type="image/jpeg" if fmt == "JPEG" else "image/png",
                    headers={"Cache-Control": "private, max-age=3600"})
