#!/usr/bin/env python3
"""Proves that a corpus made by scripts/make_corpus.py is made of real files: opens every
file back with its Python library (pdftotext for PDFs, unzip -l and 7z l for archives when
installed) and checks that each planted value of manifest.json stands at its location;
checks that clean controls open and carry no identifier, and that hostile files are what
they claim (a bomb's declared size, an encrypted member that opens only with its password).

    python3 scripts/corpus/check_corpus.py OUTDIR

Exit 0 when every check passes; prints each failure otherwise.
"""
from __future__ import annotations

import email
import email.policy
import gzip
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import make_corpus as mc  # noqa: E402  (validators)

FAIL: list[str] = []


def fail(msg: str) -> None:
    FAIL.append(msg)
    print("FAIL", msg)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ------------------------------------------------------------------ readers: bytes -> {location key: text}

def loc_key(loc: dict) -> tuple:
    if "table" in loc:
        return ("table", loc["table"], loc["row"], loc["col"])
    if "sheet" in loc:
        return ("sheet", loc["sheet"], loc["cell"])
    for k in ("page", "slide", "line", "frame", "part"):
        if k in loc:
            return (k, loc[k])
    raise ValueError(loc)


def read_docx(data: bytes) -> dict:
    import docx
    d = docx.Document(io.BytesIO(data))
    out = {("part", "body"): "\n".join(p.text for p in d.paragraphs)}
    out[("part", "header")] = "\n".join(p.text for s in d.sections for p in s.header.paragraphs)
    out[("part", "footer")] = "\n".join(p.text for s in d.sections for p in s.footer.paragraphs)
    for t, table in enumerate(d.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells):
                out[("table", f"table {t}", r, c)] = cell.text
    return out


def read_xlsx(data: bytes) -> dict:
    import datetime as dt
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, dt.datetime):
                    v = v.date().isoformat()
                out[("sheet", ws.title, cell.coordinate)] = "" if v is None else str(v)
    return out


def read_xls(data: bytes) -> dict:
    import xlrd
    wb = xlrd.open_workbook(file_contents=data)
    out = {}
    for sh in wb.sheets():
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                v = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    v = xlrd.xldate.xldate_as_datetime(v, wb.datemode).date().isoformat()
                elif cell.ctype == xlrd.XL_CELL_NUMBER and v == int(v):
                    v = int(v)
                out[("sheet", sh.name, f"{mc.col_letter(c)}{r + 1}")] = str(v)
    return out


def _odf_text(el) -> str:
    from odf import teletype
    from odf.text import P
    return "\n".join(teletype.extractText(p) for p in el.getElementsByType(P))


def read_ods(data: bytes) -> dict:
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    doc = load(io.BytesIO(data))
    out = {}
    for t in doc.spreadsheet.getElementsByType(Table):
        for r, row in enumerate(t.getElementsByType(TableRow), start=1):
            for c, cell in enumerate(row.getElementsByType(TableCell)):
                out[("sheet", t.getAttribute("name"), f"{mc.col_letter(c)}{r}")] = _odf_text(cell)
    return out


def read_odt(data: bytes) -> dict:
    from odf.opendocument import load
    from odf.style import Footer, Header
    doc = load(io.BytesIO(data))
    return {("part", "body"): _odf_text(doc.text),
            ("part", "header"): "\n".join(_odf_text(h) for h in doc.masterstyles.getElementsByType(Header)),
            ("part", "footer"): "\n".join(_odf_text(h) for h in doc.masterstyles.getElementsByType(Footer))}


def read_odp(data: bytes) -> dict:
    from odf.draw import Page
    from odf.opendocument import load
    from odf.presentation import Notes
    doc = load(io.BytesIO(data))
    out = {}
    for n, page in enumerate(doc.presentation.getElementsByType(Page), start=1):
        notes = "\n".join(_odf_text(x) for x in page.getElementsByType(Notes))
        out[("part", f"notes {n}")] = notes
        out[("slide", n)] = _odf_text(page).replace(notes, "") if notes else _odf_text(page)
    return out


def read_pptx(data: bytes) -> dict:
    from pptx import Presentation
    prs = Presentation(io.BytesIO(data))
    out = {}
    for n, slide in enumerate(prs.slides, start=1):
        texts = []
        for sh in slide.shapes:
            if sh.has_text_frame:
                texts.append(sh.text_frame.text)
            if getattr(sh, "has_table", False) and sh.has_table:
                texts += [c.text for row in sh.table.rows for c in row.cells]
        out[("slide", n)] = "\n".join(texts)
        if slide.has_notes_slide:
            out[("part", f"notes {n}")] = slide.notes_slide.notes_text_frame.text
    return out


def rtf_to_text(rtf: str) -> str:
    """Enough RTF for this corpus: \\'xx bytes in the \\ansicpgN code page, \\uN?, \\par;
    destinations ({\\fonttbl}, {\\*...}) dropped."""
    cp = re.search(r"\\ansicpg(\d+)", rtf)
    codec = f"cp{cp.group(1)}" if cp else "cp1252"
    out, pending = [], bytearray()
    i, depth, skip_depth = 0, 0, None

    def flush():
        if pending:
            out.append(pending.decode(codec))
            pending.clear()

    while i < len(rtf):
        ch = rtf[i]
        if ch == "{":
            depth += 1
            if skip_depth is None and (rtf.startswith("{\\*", i) or rtf.startswith("{\\fonttbl", i)):
                skip_depth = depth
            i += 1
        elif ch == "}":
            if skip_depth == depth:
                skip_depth = None
            depth -= 1
            i += 1
        elif ch == "\\":
            m = re.match(r"\\'([0-9a-fA-F]{2})|\\u(-?\d+)\??|\\([a-z]+)(-?\d+)? ?|\\([\\{}])|\\(.)", rtf[i:], re.S)
            i += len(m.group(0))
            if skip_depth is not None:
                continue
            if m.group(1):
                pending.append(int(m.group(1), 16))
                continue
            flush()
            if m.group(2):
                n = int(m.group(2))
                out.append(chr(n + 65536 if n < 0 else n))
            elif m.group(3) == "par":
                out.append("\n")
            elif m.group(5):
                out.append(m.group(5))
        else:
            if skip_depth is None and ch not in "\r\n":
                flush()
                out.append(ch)
            i += 1
    flush()
    return "".join(out)


def read_rtf(data: bytes) -> dict:
    return {("part", "body"): rtf_to_text(data.decode("ascii"))}


def pdftotext(data: bytes, page: int | None = None, upw: str | None = None) -> tuple[int, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        cmd = ["pdftotext", "-q"] + (["-f", str(page), "-l", str(page)] if page else []) + (["-upw", upw] if upw else []) + [f.name, "-"]
        r = subprocess.run(cmd, capture_output=True)
    return r.returncode, r.stdout.decode("utf-8", "replace")


def read_pdf(data: bytes) -> dict:
    out = {}
    n = int(re.search(rb"/Count (\d+)", data).group(1)) if re.search(rb"/Count (\d+)", data) else 1
    for p in range(1, n + 1):
        rc, text = pdftotext(data, p)
        out[("page", p)] = text
    return out


def decode_text(data: bytes, name: str) -> str:
    stripped = data.rstrip(b"\0")
    if "utf16" in name or (len(stripped) > 8 and stripped[1::2].count(0) > len(stripped) // 4):
        return data[: len(stripped) + len(stripped) % 2].decode("utf-16-le")
    data = stripped
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp950")


def read_text(data: bytes, name: str) -> dict:
    text = decode_text(data, name)
    return {("line", n): line for n, line in enumerate(text.splitlines(), start=1)}


def _mail_parts(msg) -> tuple[dict, dict]:
    out = {("part", "subject"): str(msg["subject"] or ""),
           ("part", "headers"): "\n".join(f"{k}: {v}" for k, v in msg.items())}
    body, members = [], {}
    for part in msg.walk():
        if part.is_multipart():
            continue
        fn = part.get_filename()
        if fn:
            members[fn] = part.get_payload(decode=True)
        elif part.get_content_maintype() == "text":
            body.append(part.get_content())
    out[("part", "body")] = "\n".join(body)
    return out, members


def read_eml(data: bytes) -> tuple[dict, dict]:
    return _mail_parts(email.message_from_bytes(data, policy=email.policy.default))


def read_mbox(data: bytes) -> tuple[dict, dict]:
    chunks = re.split(rb"(?m)^From .*\n", data)[1:]
    members = {f"message {i}": re.sub(rb"(?m)^>(>*From )", rb"\1", c) for i, c in enumerate(chunks, start=1)}
    return {}, {k: (v, ".eml") for k, v in members.items()}


def read_msg(data: bytes) -> tuple[dict, dict]:
    import olefile
    ole = olefile.OleFileIO(io.BytesIO(data))

    def s(path):
        return ole.openstream(path).read().decode("utf-16-le") if ole.exists(path) else ""

    out = {("part", "subject"): s("__substg1.0_0037001F"),
           ("part", "headers"): "\n".join([s("__substg1.0_0C1A001F"), s("__substg1.0_0C1F001F"), s("__substg1.0_0E04001F")]),
           ("part", "body"): s("__substg1.0_1000001F")}
    members = {}
    for entry in ole.listdir(streams=False, storages=True):
        if entry[0].startswith("__attach_version1.0_") and len(entry) == 1:
            name = s(f"{entry[0]}/__substg1.0_3707001F")
            members[name] = ole.openstream(f"{entry[0]}/__substg1.0_37010102").read()
    return out, members


def zip_members(data: bytes, pwd: bytes | None = None) -> dict:
    z = zipfile.ZipFile(io.BytesIO(data))
    out = {}
    for info in z.infolist():
        name = info.filename
        if not info.flag_bits & 0x800:
            raw = name.encode("cp437")
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                name = raw.decode("cp950")
        if not info.is_dir():
            out[name] = z.read(info, pwd=pwd)
    return out


def tar_members(data: bytes) -> dict:
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        return {m.name: t.extractfile(m).read() for m in t.getmembers() if m.isfile()}


def sevenz_members(data: bytes, password: str | None = None) -> dict:
    import py7zr
    with tempfile.TemporaryDirectory() as d:
        with py7zr.SevenZipFile(io.BytesIO(data), password=password) as a:
            a.extractall(d)
        return {p.relative_to(d).as_posix(): p.read_bytes() for p in Path(d).rglob("*") if p.is_file()}


def open_doc(data: bytes, name: str) -> tuple[dict, dict]:
    """(texts by location key, members by name) of a file or member named `name`."""
    ext = name.lower().rsplit(".", 1)[-1]
    if name.lower().endswith(".tar.gz"):
        return {}, tar_members(data)
    if ext == "docx":
        return read_docx(data), {}
    if ext in ("xlsx", "xlsm"):
        return read_xlsx(data), {}
    if ext == "xls":
        return read_xls(data), {}
    if ext == "ods":
        return read_ods(data), {}
    if ext == "odt":
        return read_odt(data), {}
    if ext == "odp":
        return read_odp(data), {}
    if ext == "pptx":
        return read_pptx(data), {}
    if ext == "rtf":
        return read_rtf(data), {}
    if ext == "pdf":
        return read_pdf(data), {}
    if ext == "eml":
        return read_eml(data)
    if ext == "mbox":
        return read_mbox(data)
    if ext == "msg":
        return read_msg(data)
    if ext == "zip":
        return {}, zip_members(data)
    if ext == "tar":
        return {}, tar_members(data)
    if ext == "gz":
        return {}, {name.rsplit("/", 1)[-1][:-3]: gzip.decompress(data)}
    if ext == "7z":
        return {}, sevenz_members(data)
    return read_text(data, name), {}


# ------------------------------------------------------------------ checks

def check_planted(out: Path, man: dict) -> int:
    cache: dict[str, tuple[dict, dict]] = {}

    def get(path: str):
        if path in cache:
            return cache[path]
        if "!" not in path:
            data, name = (out / path).read_bytes(), path
        else:
            parent, member = path.rsplit("!", 1)
            _, members = get(parent)
            got = members[member]
            data, name = (got if isinstance(got, tuple) else (got, member))
            if isinstance(got, tuple):  # mbox message
                data, name = got[0], member + got[1]
        cache[path] = open_doc(data, name)
        return cache[path]

    checked = 0
    by_path = defaultdict(list)
    for e in man["planted"]:
        by_path[e["path"]].append(e)
    for path, entries in by_path.items():
        if path.lower().endswith((".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")) or path == "pdf/掃描_影像.pdf":
            checked += check_image(out, path, entries)
            continue
        try:
            texts, _ = get(path)
        except Exception as ex:  # noqa: BLE001
            fail(f"{path}: cannot open: {type(ex).__name__}: {ex}")
            continue
        for e in entries:
            check_value(e)
            key = loc_key(e["location"])
            text = texts.get(key)
            if text is None:
                fail(f"{path}: no {key} (value {e['value']!r})")
            elif e["value"] not in text and squash(e["value"]) not in squash(text):
                fail(f"{path}: {e['kind']} {e['value']!r} not at {key}: {text[:120]!r}")
            checked += 1
    return checked


def check_value(e: dict) -> None:
    k, v = e["kind"], e["value"]
    ok = {"TW_NATIONAL_ID": mc.tw_id_valid, "TW_RESIDENT_ID": mc.tw_resident_valid, "HK_ID": mc.hkid_valid,
          "CN_RESIDENT_ID": lambda s: mc.cn_id_valid(s, mc.CN_REGIONS)}.get(k, lambda s: bool(s))(v)
    if not ok:
        fail(f"{e['path']}: {k} {v!r} does not validate")


def check_image(out: Path, path: str, entries: list[dict]) -> int:
    from PIL import Image
    p = out / path
    if path.endswith(".pdf"):
        rc, text = pdftotext(p.read_bytes())
        if rc != 0:
            fail(f"{path}: pdftotext failed")
        if squash(text):
            fail(f"{path}: an image-only PDF has text: {text[:80]!r}")
        return len(entries)
    with Image.open(p) as im:
        n = getattr(im, "n_frames", 1)
        for e in entries:
            want = e["location"].get("frame", e["location"].get("page", 1))
            if want > n:
                fail(f"{path}: frame {want} of {n}")
    return len(entries)


ID_PATTERNS = [re.compile(r"(?<![A-Z0-9])[A-Z][12489A-D][0-9]{8}(?![0-9])"), re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])"),
               re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), re.compile(r"(?<![0-9])09[0-9]{2}-?[0-9]{3}-?[0-9]{3}(?![0-9])")]


def check_clean(out: Path, man: dict) -> None:
    for e in man["clean"]:
        path = e["file"]
        try:
            texts, members = open_doc((out / path).read_bytes(), path)
            for name, data in members.items():
                t2, _ = open_doc(data, name)
                texts.update({(name,) + k: v for k, v in t2.items()})
        except Exception as ex:  # noqa: BLE001
            fail(f"clean {path}: cannot open: {ex}")
            continue
        alltext = "\n".join(texts.values())
        if len(squash(alltext)) < 20:
            fail(f"clean {path}: almost no text read")
        for pat in ID_PATTERNS:
            for hit in pat.findall(alltext):
                if not hit.startswith("0800"):
                    fail(f"clean {path}: looks personal: {hit!r}")


def check_hostile(out: Path, man: dict) -> None:
    import msoffcrypto
    import py7zr
    import pyzipper

    H = {Path(e["file"]).name: e for e in man["hostile"]}
    d = out / "hostile"

    def must(cond, msg):
        if not cond:
            fail("hostile " + msg)

    z = zipfile.ZipFile(d / "zipbomb_1GiB.zip")
    i = z.infolist()[0]
    must(i.file_size >= 1 << 30 and i.compress_size < 2 << 20, f"zipbomb sizes {i.file_size} / {i.compress_size}")
    data, depth = (d / "nested_12_deep.zip").read_bytes(), 0
    while True:
        zz = zipfile.ZipFile(io.BytesIO(data))
        first = zz.infolist()[0]
        if not first.filename.endswith(".zip"):
            break
        depth += 1
        data = zz.read(first)
    must(depth == 12 and first.file_size == 10 << 20, f"nested depth {depth}")
    xml = (d / "billion_laughs.xml").read_text()
    must("<!ENTITY lol9" in xml and "&lol9;" in xml, "billion_laughs.xml")
    doc = zipfile.ZipFile(d / "billion_laughs.docx").read("word/document.xml")
    must(b"<!ENTITY lol9" in doc, "billion_laughs.docx")
    names = zipfile.ZipFile(d / "traversal.zip").namelist()
    must("../../evil.txt" in names and "/tmp/gezi-evil-abs.txt" in names and "link-to-passwd" in names, f"traversal.zip {names}")
    link = zipfile.ZipFile(d / "traversal.zip").getinfo("link-to-passwd")
    must((link.external_attr >> 16) & 0o170000 == 0o120000, "traversal.zip symlink mode")
    with tarfile.open(d / "traversal.tar") as t:
        kinds = {m.name: m.type for m in t.getmembers()}
    must(kinds.get("ok/passwd") == tarfile.SYMTYPE and "../../evil.txt" in kinds, f"traversal.tar {kinds}")

    hidden = H["encrypted_aes.zip"]["expect"]["hidden_values"]
    with pyzipper.AESZipFile(d / "encrypted_aes.zip") as a:
        try:
            a.read("名單.csv")
            fail("hostile encrypted_aes.zip opens without a password")
        except RuntimeError:
            pass
        a.setpassword(b"gezi-secret")
        must(hidden[1] in a.read("名單.csv").decode(), "encrypted_aes.zip content")
    zc = zipfile.ZipFile(d / "encrypted_zipcrypto.zip")
    must(zc.infolist()[0].flag_bits & 1, "zipcrypto flag")
    must(hidden[1].encode() not in (d / "encrypted_zipcrypto.zip").read_bytes(), "zipcrypto leaks plain text")
    must(hidden[1] in zc.read("名單.csv", pwd=b"gezi-secret").decode(), "zipcrypto decrypts with zipfile")
    for name in ["password_protected.docx", "password_protected.xlsx"]:
        with open(d / name, "rb") as f:
            of = msoffcrypto.OfficeFile(f)
            must(of.is_encrypted(), f"{name} encrypted")
            of.load_key(password="gezi-secret")
            buf = io.BytesIO()
            of.decrypt(buf)
            texts, _ = open_doc(buf.getvalue(), name)
            must(H[name]["expect"]["hidden_values"][0] in "\n".join(texts.values()), f"{name} decrypted content")
    with py7zr.SevenZipFile(d / "encrypted.7z") as a:
        must(a.needs_password(), "encrypted.7z needs a password")
    must(hidden[1] in sevenz_members((d / "encrypted.7z").read_bytes(), "gezi-secret")["名單.csv"].decode(), "encrypted.7z content")
    pdf = (d / "encrypted_user_password.pdf").read_bytes()
    rc, _ = pdftotext(pdf)
    must(rc != 0, "encrypted pdf opens without its password")
    rc, text = pdftotext(pdf, upw="gezi-open")
    must(rc == 0 and H["encrypted_user_password.pdf"]["expect"]["hidden_values"][1] in text, "encrypted pdf with password")
    try:
        zipfile.ZipFile(d / "truncated.docx")
        fail("hostile truncated.docx opens")
    except zipfile.BadZipFile:
        pass
    rc, _ = pdftotext((d / "random_bytes.pdf").read_bytes())
    must(rc != 0, "random_bytes.pdf is read by pdftotext")
    for e in man["hostile"]:
        if "file_bytes_hex" in e:
            must(Path(bytes.fromhex(e["file_bytes_hex"]).decode("latin-1")).name and
                 (Path(str(out)) / bytes.fromhex(e["file_bytes_hex"]).decode("utf-8", "surrogateescape")).exists(),
                 f"odd name {e['file']}")
        elif not (out / e["file"]).exists():
            fail(f"hostile {e['file']} missing")


def check_tools(out: Path, man: dict) -> None:
    archives = [f["file"] for f in man["files"] if f["format"] in ("zip", "7z", "tar", "tar.gz", "gz")]
    for a in archives:
        p = str(out / a)
        if a.endswith(".zip") and shutil.which("unzip"):
            r = subprocess.run(["unzip", "-l", p], capture_output=True)
            if r.returncode != 0:
                fail(f"unzip -l {a}: {r.stderr[-200:]!r}")
        if shutil.which("7z"):
            r = subprocess.run(["7z", "l", p], capture_output=True)
            if r.returncode != 0:
                fail(f"7z l {a}: {r.stdout[-300:]!r}")


def main() -> int:
    out = Path(sys.argv[1]).resolve()
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    n = check_planted(out, man)
    check_clean(out, man)
    check_hostile(out, man)
    check_tools(out, man)
    seen = {e["file"] for e in man["planted"]}
    for f in man["files"]:
        if f["file"] not in seen:
            fail(f"{f['file']}: no planted value")
    print(f"{n} planted values checked in {len(man['files'])} files, {len(man['clean'])} clean, "
          f"{len(man['hostile'])} hostile: {len(FAIL)} failures")
    return 1 if FAIL else 0


if __name__ == "__main__":
    sys.exit(main())
