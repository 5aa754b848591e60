#!/usr/bin/env python3
"""Build gezi's end-to-end test corpus: real office files, PDFs, mail, archives and text
files carrying known (synthetic) personal data, clean controls and hostile files.

    python3 scripts/make_corpus.py OUTDIR [--big]

Needs the packages of scripts/corpus/requirements.txt (install them into a venv) and,
for the embedded-font PDF, the Noto CJK fonts (Debian: fonts-noto-cjk). Every planted
value is written to OUTDIR/manifest.json; see scripts/corpus/README.md for the schema.
The output is deterministic: fixed seeds, fixed timestamps, and the random salts of the
encrypting libraries drawn from a seeded generator.
"""
from __future__ import annotations

import argparse
import base64
import calendar
import csv
import datetime as dt
import gzip
import io
import json
import os
import random
import re
import shutil
import stat
import struct
import subprocess
import sys
import tarfile
import time
import zipfile
import zlib
from email import encoders
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from pathlib import Path

SEED = 20240601
FIXED = dt.datetime(2024, 6, 1, 9, 30, 0)
FIXED_UTC = FIXED.replace(tzinfo=dt.timezone.utc)
FIXED_TS = calendar.timegm(FIXED.timetuple())
ZIP_DT = (2024, 6, 1, 9, 30, 0)
HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE / "corpus"
NOTO_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# --------------------------------------------------------------------------------------
# Identifier algorithms (shared/domain/identifiers.md), each generated value self-checked
# --------------------------------------------------------------------------------------

TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # in value order 10, 11, ..., 35


def tw_letter_value(ch: str) -> int:
    return TW_LETTERS.index(ch) + 10


def _tw_sum(s: str) -> int:
    n = tw_letter_value(s[0])
    second = s[1]
    d1 = int(second) if second.isdigit() else tw_letter_value(second) % 10
    digits = [d1] + [int(c) for c in s[2:]]
    return n // 10 + (n % 10) * 9 + sum(d * w for d, w in zip(digits, [8, 7, 6, 5, 4, 3, 2, 1, 1]))


def tw_id_valid(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][12][0-9]{8}", s)) and _tw_sum(s) % 10 == 0


def tw_resident_valid(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]([89]|[A-D])[0-9]{8}", s)) and _tw_sum(s) % 10 == 0


def _tw_complete(first9: str) -> str:
    return first9 + str((10 - _tw_sum(first9 + "0") % 10) % 10)


def make_tw_id(rng: random.Random, letter: str, sex: str) -> str:
    v = _tw_complete(letter + ("1" if sex == "M" else "2") + str(rng.randint(0, 5))
                     + "".join(str(rng.randint(0, 9)) for _ in range(6)))
    assert tw_id_valid(v), v
    return v


def make_tw_resident(rng: random.Random, letter: str, sex: str, old: bool = False) -> str:
    if old:
        second = rng.choice("AC") if sex == "M" else rng.choice("BD")
        first9 = letter + second + "".join(str(rng.randint(0, 9)) for _ in range(7))
    else:
        second = "8" if sex == "M" else "9"
        first9 = letter + second + str(rng.choice([0, 1, 2, 3, 7, 8, 9])) + "".join(
            str(rng.randint(0, 9)) for _ in range(6))
    v = _tw_complete(first9)
    assert tw_resident_valid(v) and not tw_id_valid(v), v
    return v


def _hk_value(c: str) -> int:
    return 36 if c == " " else (ord(c) - 55 if c.isalpha() else int(c))


def hkid_check(prefix: str, digits: str) -> str:
    chars = (" " + prefix if len(prefix) == 1 else prefix) + digits
    s = sum(_hk_value(c) * w for c, w in zip(chars, range(9, 1, -1)))
    c = (11 - s % 11) % 11
    return "A" if c == 10 else str(c)


def hkid_valid(s: str) -> bool:
    m = re.fullmatch(r"([A-Z]{1,2})([0-9]{6})\(?([0-9A])\)?", s)
    return bool(m) and hkid_check(m.group(1), m.group(2)) == m.group(3)


def make_hkid(rng: random.Random) -> str:
    prefix = rng.choice("ACDEGHKMPRVYZ") if rng.random() < 0.85 else rng.choice(["XA", "WX"])
    digits = "".join(str(rng.randint(0, 9)) for _ in range(6))
    v = f"{prefix}{digits}({hkid_check(prefix, digits)})"
    assert hkid_valid(v), v
    return v


CN_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def cn_check(body17: str) -> str:
    s = sum(int(c) * w for c, w in zip(body17, CN_W))
    c = (12 - s % 11) % 11
    return "X" if c == 10 else str(c)


def cn_id_valid(s: str, regions: set[str] | None = None) -> bool:
    if not re.fullmatch(r"[0-9]{17}[0-9X]", s):
        return False
    try:
        dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    if regions is not None and s[:6] not in regions:
        return False
    return cn_check(s[:17]) == s[17]


def make_cn_id(rng: random.Random, region: str, dob: dt.date, sex: str) -> str:
    seq = rng.randint(0, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == "M" else rng.choice([0, 2, 4, 6, 8]))
    body = f"{region}{dob:%Y%m%d}{seq:03d}"
    v = body + cn_check(body)
    assert cn_id_valid(v), v
    return v


def ubn_valid(s: str) -> bool:
    if not re.fullmatch(r"[0-9]{8}", s):
        return False
    total = 0
    for d, w in zip(s, [1, 2, 1, 2, 1, 2, 4, 1]):
        p = int(d) * w
        total += p // 10 + p % 10
    return total % 5 == 0 or (s[6] == "7" and (total + 1) % 5 == 0)


TW_MOBILE_RE = re.compile(r"09[0-8][0-9]-[0-9]{3}-[0-9]{3}")
HK_MOBILE_RE = re.compile(r"(\+852 )?[569][0-9]{3} [0-9]{4}")
CN_MOBILE_RE = re.compile(r"1(?:[38][0-9]|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])[0-9]{8}")


def self_test_algorithms() -> None:
    """The worked examples of identifiers.md, so a wrong algorithm stops the script."""
    for v in ["A123456789", "F131104093", "O158238845", "N116247806", "C180661564"]:
        assert tw_id_valid(v), v
    assert not tw_id_valid("A123456788")
    for v in ["A800000014", "A900207177", "B801300667", "AA00000009", "AB23456789", "HD02717288"]:
        assert tw_resident_valid(v), v
    for v in ["A800000000", "AA00000000", "AA23456786"]:
        assert not tw_resident_valid(v), v
    for v in ["A123456(3)", "CA182361(1)", "G123456(A)"]:
        assert hkid_valid(v), v
    assert not hkid_valid("C876300(0)")
    assert cn_id_valid("11010519491231002X") and cn_id_valid("360426199101010071")
    assert not cn_id_valid("110105194912310021")
    for v in ["00501503", "04595252", "12345675"]:
        assert ubn_valid(v), v
    assert not ubn_valid("00501502") and not ubn_valid("12345678")


# --------------------------------------------------------------------------------------
# Synthetic people
# --------------------------------------------------------------------------------------

# (Traditional, Simplified, Taiwan romanisation, Cantonese romanisation, pinyin)
SURNAMES = [
    ("陳", "陈", "Chen", "Chan", "chen"), ("林", "林", "Lin", "Lam", "lin"),
    ("黃", "黄", "Huang", "Wong", "huang"), ("張", "张", "Chang", "Cheung", "zhang"),
    ("李", "李", "Lee", "Lee", "li"), ("王", "王", "Wang", "Wong", "wang"),
    ("吳", "吴", "Wu", "Ng", "wu"), ("劉", "刘", "Liu", "Lau", "liu"),
    ("蔡", "蔡", "Tsai", "Choi", "cai"), ("楊", "杨", "Yang", "Yeung", "yang"),
    ("許", "许", "Hsu", "Hui", "xu"), ("鄭", "郑", "Cheng", "Cheng", "zheng"),
    ("謝", "谢", "Hsieh", "Tse", "xie"), ("郭", "郭", "Kuo", "Kwok", "guo"),
    ("曾", "曾", "Tseng", "Tsang", "zeng"), ("周", "周", "Chou", "Chau", "zhou"),
    ("何", "何", "Ho", "Ho", "he"), ("羅", "罗", "Lo", "Law", "luo"),
    ("梁", "梁", "Liang", "Leung", "liang"), ("歐陽", "欧阳", "Ouyang", "Au Yeung", "ouyang"),
    ("司徒", "司徒", "Szutu", "Sze To", "situ"),
]
# (Traditional, Simplified, Taiwan romanisation, Cantonese romanisation, pinyin, sex)
GIVEN = [
    ("柏翰", "柏翰", "Po-Han", "Pak Hon", "bohan", "M"), ("志明", "志明", "Chih-Ming", "Chi Ming", "zhiming", "M"),
    ("家豪", "家豪", "Chia-Hao", "Ka Ho", "jiahao", "M"), ("俊傑", "俊杰", "Chun-Chieh", "Chun Kit", "junjie", "M"),
    ("建國", "建国", "Chien-Kuo", "Kin Kwok", "jianguo", "M"), ("冠宇", "冠宇", "Kuan-Yu", "Kwun Yu", "guanyu", "M"),
    ("宗翰", "宗翰", "Tsung-Han", "Chung Hon", "zonghan", "M"), ("偉倫", "伟伦", "Wei-Lun", "Wai Lun", "weilun", "M"),
    ("承恩", "承恩", "Cheng-En", "Shing Yan", "chengen", "M"), ("子軒", "子轩", "Tzu-Hsuan", "Tsz Hin", "zixuan", "M"),
    ("淑芬", "淑芬", "Shu-Fen", "Suk Fan", "shufen", "F"), ("雅婷", "雅婷", "Ya-Ting", "Nga Ting", "yating", "F"),
    ("怡君", "怡君", "Yi-Chun", "Yi Kwan", "yijun", "F"), ("美玲", "美玲", "Mei-Ling", "Mei Ling", "meiling", "F"),
    ("詩涵", "诗涵", "Shih-Han", "Sze Ham", "shihan", "F"), ("欣怡", "欣怡", "Hsin-Yi", "Yan Yi", "xinyi", "F"),
    ("嘉欣", "嘉欣", "Chia-Hsin", "Ka Yan", "jiaxin", "F"), ("詠詩", "咏诗", "Yung-Shih", "Wing Sze", "yongshi", "F"),
    ("佩珊", "佩珊", "Pei-Shan", "Pui Shan", "peishan", "F"), ("曉雯", "晓雯", "Hsiao-Wen", "Hiu Man", "xiaowen", "F"),
]
EN_FIRST = {"M": ["David", "Michael", "Jason", "Kelvin", "Peter", "Thomas", "Eric"],
            "F": ["Emily", "Karen", "Winnie", "Cindy", "Grace", "Maria", "Sarah"]}
WESTERN = [("Maria", "Santos", "F"), ("John", "Harris", "M"), ("Anna", "Nguyen", "F"),
           ("Daniel", "Walker", "M"), ("Siti", "Rahmawati", "F"), ("Mark", "Thompson", "M")]

# postcode, city, district, road, ID letter of the city
TW_PLACES = [
    ("106", "臺北市", "大安區", "復興南路一段", "A"), ("110", "臺北市", "信義區", "松仁路", "A"),
    ("220", "新北市", "板橋區", "文化路一段", "F"), ("407", "臺中市", "西屯區", "臺灣大道三段", "B"),
    ("802", "高雄市", "苓雅區", "四維三路", "E"), ("701", "臺南市", "東區", "大學路", "D"),
    ("320", "桃園市", "中壢區", "中正路", "H"), ("300", "新竹市", "東區", "光復路二段", "O"),
    ("260", "宜蘭縣", "宜蘭市", "中山路三段", "G"), ("970", "花蓮縣", "花蓮市", "中華路", "U"),
]
# area, district, street (Traditional), then English
HK_STREETS = [
    ("香港", "灣仔", "軒尼詩道", "Hong Kong", "Wan Chai", "Hennessy Road"),
    ("九龍", "旺角", "彌敦道", "Kowloon", "Mong Kok", "Nathan Road"),
    ("九龍", "觀塘", "協和街", "Kowloon", "Kwun Tong", "Hip Wo Street"),
    ("香港", "北角", "英皇道", "Hong Kong", "North Point", "King's Road"),
    ("新界", "荃灣", "沙咀道", "New Territories", "Tsuen Wan", "Sha Tsui Road"),
    ("新界", "沙田", "沙田正街", "New Territories", "Sha Tin", "Sha Tin Centre Street"),
]
HK_BUILDINGS = [("海福大廈", "Hoi Fook Building"), ("金輝閣", "Kam Fai Court"),
                ("富興大樓", "Fu Hing Mansion"), ("嘉寶花園", "Ka Po Garden"), ("怡景中心", "Yi King Centre")]
# region code, province/city, district, road
CN_PLACES = [
    ("110105", "北京市", "朝阳区", "建国路"), ("310104", "上海市", "徐汇区", "漕溪北路"),
    ("440305", "广东省深圳市", "南山区", "深南大道"), ("440106", "广东省广州市", "天河区", "天河路"),
    ("330106", "浙江省杭州市", "西湖区", "文三路"), ("510107", "四川省成都市", "武侯区", "人民南路四段"),
    ("420111", "湖北省武汉市", "洪山区", "珞喻路"), ("320102", "江苏省南京市", "玄武区", "中山路"),
]
CN_REGIONS = {p[0] for p in CN_PLACES}
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com"]


def rand_date(rng: random.Random, y0: int = 1955, y1: int = 2004) -> dt.date:
    start = dt.date(y0, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(y1, 12, 31).toordinal()))


def tw_mobile(rng: random.Random) -> str:
    v = f"09{rng.randint(1, 8)}{rng.randint(0, 9)}-{rng.randint(0, 999):03d}-{rng.randint(0, 999):03d}"
    assert TW_MOBILE_RE.fullmatch(v), v
    return v


def hk_mobile(rng: random.Random, plus: bool = False) -> str:
    v = f"{rng.choice('569')}{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}"
    v = ("+852 " + v) if plus else v
    assert HK_MOBILE_RE.fullmatch(v), v
    return v


def cn_mobile(rng: random.Random) -> str:
    prefix = rng.choice(["138", "139", "135", "136", "137", "150", "151", "152", "158", "159",
                         "186", "187", "188", "189", "177", "180", "181", "131", "132", "133"])
    v = prefix + "".join(str(rng.randint(0, 9)) for _ in range(8))
    assert CN_MOBILE_RE.fullmatch(v), v
    return v


class People:
    """Deterministic synthetic people: each value is fresh and passes its check."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def _fresh(self, make):
        for _ in range(1000):
            v = make()
            if v not in self.seen:
                self.seen.add(v)
                return v
        raise RuntimeError("no fresh value")

    def _name(self):
        sur = self.rng.choice(SURNAMES)
        given = self.rng.choice(GIVEN)
        return sur, given

    def tw(self) -> dict:
        rng = self.rng
        sur, given = self._name()
        place = rng.choice(TW_PLACES)
        dob = rand_date(rng)
        lane = f"{rng.randint(2, 300)}巷" if rng.random() < 0.4 else ""
        floor = f"{rng.randint(2, 15)}樓" + (f"之{rng.randint(1, 5)}" if rng.random() < 0.2 else "")
        addr = f"{place[0]}{place[1]}{place[2]}{place[3]}{lane}{rng.randint(1, 400)}號{floor}"
        user = f"{given[2].lower().replace('-', '')}.{sur[2].lower()}"
        return {
            "name": sur[0] + given[0], "name_sc": sur[1] + given[1],
            "name_en": f"{given[2]} {sur[2]}", "sex": given[5],
            "id": self._fresh(lambda: make_tw_id(rng, place[4], given[5])),
            "dob": dob, "dob_roc": f"民國{dob.year - 1911}年{dob.month}月{dob.day}日",
            "dob_iso": dob.isoformat(),
            "mobile": self._fresh(lambda: tw_mobile(rng)),
            "email": self._fresh(lambda: f"{user}{rng.randint(1, 99)}@{rng.choice(MAIL_DOMAINS)}"),
            "address": addr,
        }

    def tw_resident(self) -> dict:
        rng = self.rng
        first, last, sex = rng.choice(WESTERN)
        place = rng.choice(TW_PLACES)
        dob = rand_date(rng, 1970, 2002)
        old = rng.random() < 0.3
        return {
            "name": f"{first} {last}", "name_en": f"{first} {last}", "sex": sex,
            "id": self._fresh(lambda: make_tw_resident(rng, place[4], sex, old)),
            "dob": dob, "dob_iso": dob.isoformat(),
            "dob_roc": f"民國{dob.year - 1911}年{dob.month}月{dob.day}日",
            "mobile": self._fresh(lambda: tw_mobile(rng)),
            "email": self._fresh(lambda: f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com"),
            "address": f"{place[0]}{place[1]}{place[2]}{place[3]}{rng.randint(1, 400)}號{rng.randint(2, 12)}樓",
        }

    def hk(self) -> dict:
        rng = self.rng
        sur, given = self._name()
        st = rng.choice(HK_STREETS)
        bl = rng.choice(HK_BUILDINGS)
        no, fl, flat = rng.randint(1, 700), rng.randint(2, 30), rng.choice("ABCDEFGH")
        dob = rand_date(rng)
        first = rng.choice(EN_FIRST[given[5]])
        return {
            "name": sur[0] + given[0], "name_en": f"{sur[3].upper()} {given[3]}",
            "name_en_full": f"{first} {sur[3]}", "sex": given[5],
            "id": self._fresh(lambda: make_hkid(rng)),
            "dob": dob, "dob_hk": f"{dob.day:02d}/{dob.month:02d}/{dob.year}",
            "dob_en": f"{dob.day} {EN_MONTHS[dob.month - 1]} {dob.year}",
            "mobile": self._fresh(lambda: hk_mobile(rng)),
            "email": self._fresh(lambda: f"{first.lower()}.{sur[3].lower().replace(' ', '')}{rng.randint(1, 99)}@{rng.choice(MAIL_DOMAINS)}"),
            "address": f"{st[0]}{st[1]}{st[2]}{no}號{bl[0]}{fl}樓{flat}室",
            "address_en": f"Flat {flat}, {fl}/F, {bl[1]}, {no} {st[5]}, {st[4]}, {st[3]}",
        }

    def cn(self) -> dict:
        rng = self.rng
        sur, given = self._name()
        place = rng.choice(CN_PLACES)
        dob = rand_date(rng, 1960, 2004)
        return {
            "name": sur[1] + given[1], "name_tc": sur[0] + given[0], "sex": given[5],
            "id": self._fresh(lambda: make_cn_id(rng, place[0], dob, given[5])),
            "dob": dob, "dob_cn": f"{dob.year}年{dob.month:02d}月{dob.day:02d}日",
            "mobile": self._fresh(lambda: cn_mobile(rng)),
            "email": self._fresh(lambda: f"{sur[4]}{given[4]}{rng.randint(1, 999)}@{rng.choice(MAIL_DOMAINS)}"),
            "address": f"{place[1]}{place[2]}{place[3]}{rng.randint(1, 999)}号{rng.randint(1, 12)}栋{rng.randint(1, 30)}{rng.randint(1, 6):02d}室",
        }


# --------------------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------------------

class Manifest:
    def __init__(self, out: Path):
        self.out = out
        self.planted: list[dict] = []
        self.files: list[dict] = []
        self.clean: list[dict] = []
        self.hostile: list[dict] = []
        self.skipped: list[dict] = []
        self.notes: list[str] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    def file(self, path: Path, fmt: str, note: str = "") -> str:
        rel = self.rel(path)
        entry = {"file": rel, "format": fmt}
        if note:
            entry["note"] = note
        self.files.append(entry)
        return rel

    def plant(self, file: str, kind: str, value: str, loc: dict, member: str | None = None) -> None:
        e = {"file": file}
        if member:
            e["member"] = member
        e.update({"kind": kind, "value": value, "location": loc})
        self.planted.append(e)

    def planted_in(self, file: str) -> list[dict]:
        return [e for e in self.planted if e["file"] == file]

    def copy_into(self, src_file: str, dst_file: str, member: str) -> None:
        """The values of src_file, now found inside dst_file at member."""
        for e in list(self.planted_in(src_file)):
            inner = member + ("!" + e["member"] if "member" in e else "")
            self.plant(dst_file, e["kind"], e["value"], e["location"], inner)

    def skip(self, what: str, why: str) -> None:
        self.skipped.append({"what": what, "why": why})
        print(f"  skipped {what}: {why}")

    def write(self) -> None:
        for e in self.planted:
            e["path"] = e["file"] + ("!" + e["member"] if "member" in e else "")
        doc = {
            "generator": "scripts/make_corpus.py",
            "seed": SEED,
            "schema": {
                "planted": "file (relative to OUTDIR), member ('!'-joined path inside archives, "
                           "attachments and mailboxes; 'message N' for the Nth mail of an mbox, "
                           "1-based), kind, value (exactly as written in the file), location, "
                           "path (file!member)",
                "location": "{page: n} PDF page 1-based | {sheet, cell} spreadsheet | {slide: n} "
                            "1-based | {part: body|header|footer|headers|subject|notes N} | "
                            "{line: n} 1-based line of a text file where the value stands (for CSV "
                            "the line of the record) | {table: 'table N', row, col} docx table: "
                            "row 1-based counting the header row as 1, col 0-based (as gezi-extract's "
                            "RowPiece/Cell) | {frame: n} image frame 1-based",
                "hostile": "expect.kind is one of limit/encrypted/error/not_read/read; "
                           "expect.reason_any: the reason should contain one of these words",
            },
            "planted": self.planted,
            "files": self.files,
            "clean": self.clean,
            "hostile": self.hostile,
            "skipped": self.skipped,
            "notes": self.notes,
        }
        (self.out / "manifest.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------------------
# Deterministic helpers: zips, randomness of encrypting libraries
# --------------------------------------------------------------------------------------

def _fix_xml_dates(name: str, data: bytes) -> bytes:
    stamp = b"2024-06-01T09:30:00Z"
    if name == "docProps/core.xml":
        data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", data)
    elif name == "meta.xml":
        data = re.sub(rb"(<(?:meta:creation-date|dc:date)>)[^<]*(<)", rb"\g<1>2024-06-01T09:30:00\g<2>", data)
    return data


def normalize_zip(path: Path, replace: dict[str, bytes] | None = None) -> None:
    """Rewrite a zip-based office file with fixed member times and fixed document dates."""
    replace = replace or {}
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info, data in items:
            data = replace.get(info.filename, _fix_xml_dates(info.filename, data))
            zi = zipfile.ZipInfo(info.filename, ZIP_DT)
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def zip_bytes(members: list[tuple[str, bytes]], compress=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, ZIP_DT)
            zi.compress_type = compress
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return buf.getvalue()


class RawZip:
    """A small zip writer for what zipfile will not write: legacy (non-UTF-8) name bytes,
    classic ZipCrypto encryption, symlink entries."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.out = bytearray()
        self.central = bytearray()
        self.count = 0

    def add(self, name: bytes, data: bytes, *, deflate: bool = True, utf8: bool = False,
            password: bytes | None = None, mode: int = 0o100644) -> None:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        if deflate:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            payload = c.compress(data) + c.flush()
        else:
            payload = data
        flags = 0x800 if utf8 else 0
        if password is not None:
            flags |= 1
            header = bytes(self.rng.randrange(256) for _ in range(11)) + bytes([crc >> 24])
            payload = zipcrypto_encrypt(password, header + payload)
        dtime = (ZIP_DT[3] << 11) | (ZIP_DT[4] << 5) | (ZIP_DT[5] // 2)
        ddate = ((ZIP_DT[0] - 1980) << 9) | (ZIP_DT[1] << 5) | ZIP_DT[2]
        method = 8 if deflate else 0
        offset = len(self.out)
        self.out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, dtime, ddate,
                                crc, len(payload), len(data), len(name), 0) + name + payload
        self.central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags,
                                    method, dtime, ddate, crc, len(payload), len(data), len(name),
                                    0, 0, 0, 0, (mode & 0xFFFF) << 16, offset) + name
        self.count += 1

    def bytes(self) -> bytes:
        cd_off = len(self.out)
        return bytes(self.out + self.central + struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, self.count, self.count, len(self.central), cd_off, 0))


def zipcrypto_encrypt(password: bytes, data: bytes) -> bytes:
    """PKWARE traditional encryption (APPNOTE 6.1)."""
    crc = lambda c, b: (zlib.crc32(bytes([b]), c ^ 0xFFFFFFFF) ^ 0xFFFFFFFF) & 0xFFFFFFFF
    k0, k1, k2 = 0x12345678, 0x23456789, 0x34567890

    def update(b):
        nonlocal k0, k1, k2
        k0 = crc(k0, b)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = crc(k2, (k1 >> 24) & 0xFF)

    for b in password:
        update(b)
    out = bytearray()
    for b in data:
        t = (k2 | 2) & 0xFFFF
        out.append(b ^ (((t * (t ^ 1)) >> 8) & 0xFF))
        update(b)
    return bytes(out)


class SeededRandomness:
    """Makes the salts and IVs of pyzipper, msoffcrypto-tool and py7zr come from a seeded
    generator, so that encrypted files are the same on every run."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.saved = []

    def bytes(self, n: int) -> bytes:
        return bytes(self.rng.randrange(256) for _ in range(n))

    def __enter__(self):
        import msoffcrypto.method.container.ecma376_encrypted as cfb
        import msoffcrypto.method.ecma376_agile as agile
        import py7zr.compressor as p7c
        import pyzipper.zipfile_aes as zaes
        outer = self

        class _Rand:
            @staticmethod
            def new():
                return _Rand()

            def read(self, n):
                return outer.bytes(n)

        class _FixedDatetime(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return FIXED

        for mod, attr, new in [(agile, "_random_buffer", self.bytes), (p7c, "get_random_bytes", self.bytes),
                               (zaes, "Random", _Rand), (cfb, "datetime", _FixedDatetime)]:
            self.saved.append((mod, attr, getattr(mod, attr)))
            setattr(mod, attr, new)
        return self

    def __exit__(self, *exc):
        for mod, attr, old in self.saved:
            setattr(mod, attr, old)


def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    os.utime(path, (FIXED_TS, FIXED_TS))
    return path


# --------------------------------------------------------------------------------------
# Special-category sentences (the words are in gezi's lexicon)
# --------------------------------------------------------------------------------------

HEALTH_TC = ("本人同意提供病歷影本供審核，醫師診斷為第二型糖尿病，需定期回診。",
             [("SENSITIVE_HEALTH", "病歷"), ("SENSITIVE_HEALTH", "診斷"), ("SENSITIVE_HEALTH", "糖尿病")])
HEALTH_SC = ("申请人已附上近三年的体检报告与门诊病历。",
             [("SENSITIVE_HEALTH", "体检"), ("SENSITIVE_HEALTH", "门诊"), ("SENSITIVE_HEALTH", "病历")])
HEALTH_EN = ("Her medical history shows that she was diagnosed with diabetes in 2019.",
             [("SENSITIVE_HEALTH", "medical history"), ("SENSITIVE_HEALTH", "diagnosed"),
              ("SENSITIVE_HEALTH", "diabetes")])
CRIMINAL_TC = ("應徵者自述無犯罪前科，並同意公司查核。", [("SENSITIVE_CRIMINAL_RECORD", "犯罪前科")])
BIOMETRIC_TC = ("門禁系統已登錄該員之指紋資料。", [("SENSITIVE_BIOMETRIC", "指紋")])


# --------------------------------------------------------------------------------------
# Word-processing documents
# --------------------------------------------------------------------------------------

def _docx_props(doc, title: str) -> None:
    cp = doc.core_properties
    cp.author = "gezi corpus"
    cp.last_modified_by = "gezi corpus"
    cp.title = title
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 1


def make_docx(path: Path, m: Manifest, spec: dict) -> str:
    """A form: header, title, labelled paragraphs, a table with a header row, a footer.
    spec: title, header [(text, [(kind, value)])], footer [...], paras [...],
    table_header [...], rows [[(text, kind|None)]]."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    _docx_props(doc, spec["title"])
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(docx.oxml.ns.qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(docx.oxml.ns.qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(docx.oxml.ns.qn("w:eastAsia"), spec.get("font", "PMingLiU"))
    sec = doc.sections[0]
    rel = m.rel(path)
    for part, items in (("header", spec["header"]), ("footer", spec["footer"])):
        container = sec.header if part == "header" else sec.footer
        container.paragraphs[0].text = items[0][0]
        for text, _ in items[1:]:
            container.add_paragraph(text)
        for _, plants in items:
            for kind, value in plants:
                m.plant(rel, kind, value, {"part": part})
    doc.add_heading(spec["title"], level=1)
    for text, plants in spec["paras"]:
        doc.add_paragraph(text)
        for kind, value in plants:
            m.plant(rel, kind, value, {"part": "body"})
    if spec.get("table_intro"):
        doc.add_paragraph(spec["table_intro"])
    header = spec["table_header"]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, h in enumerate(header):
        table.rows[0].cells[i].text = h
    for r, row in enumerate(spec["rows"], start=2):
        cells = table.add_row().cells
        for c, (text, kind) in enumerate(row):
            cells[c].text = text
            if kind:
                m.plant(rel, kind, text, {"table": "table 1", "row": r, "col": c})
    for text, plants in spec.get("after", []):
        doc.add_paragraph(text)
        for kind, value in plants:
            m.plant(rel, kind, value, {"part": "body"})
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path)
    return rel


def docx_specs(P: People) -> dict:
    tw = [P.tw() for _ in range(4)]
    res = P.tw_resident()
    a, b = tw[0], tw[1]
    ht, hp = HEALTH_TC
    tc = {
        "title": "會員入會申請書",
        "header": [("財團法人示範基金會　會員入會申請書（表單編號 F-2024-061）", []),
                   (f"承辦人：{b['name']}　聯絡電話：{b['mobile']}", [("PERSON_NAME", b["name"]), ("PHONE", b["mobile"])])],
        "footer": [(f"填表人：{a['name']}　本表僅供入會審核使用，客服專線 0800-051-888", [("PERSON_NAME", a["name"])])],
        "paras": [
            ("一、申請人基本資料", []),
            (f"姓名：{a['name']}", [("PERSON_NAME", a["name"])]),
            (f"身分證字號：{a['id']}", [("TW_NATIONAL_ID", a["id"])]),
            (f"出生日期：{a['dob_roc']}", [("DATE_OF_BIRTH", a["dob_roc"])]),
            (f"手機：{a['mobile']}", [("PHONE", a["mobile"])]),
            (f"電子郵件：{a['email']}", [("EMAIL", a["email"])]),
            (f"通訊地址：{a['address']}", [("ADDRESS", a["address"])]),
            (f"外籍眷屬：{res['name']}，居留證統一證號 {res['id']}。",
             [("PERSON_NAME", res["name"]), ("TW_RESIDENT_ID", res["id"])]),
            ("二、健康狀況聲明", []),
            (ht, hp),
            (BIOMETRIC_TC[0], BIOMETRIC_TC[1]),
        ],
        "table_intro": "三、家庭成員（緊急聯絡人）",
        "table_header": ["姓名", "身分證字號", "手機", "出生日期", "地址"],
        "rows": [[(p["name"], "PERSON_NAME"), (p["id"], "TW_NATIONAL_ID"), (p["mobile"], "PHONE"),
                  (p["dob_iso"], "DATE_OF_BIRTH"), (p["address"], "ADDRESS")] for p in tw[2:]],
        "after": [("申請人簽章：＿＿＿＿＿＿　　中華民國113年6月1日", [])],
    }
    cn = [P.cn() for _ in range(4)]
    c0, c1 = cn[0], cn[1]
    hs, hsp = HEALTH_SC
    sc = {
        "title": "员工入职登记表", "font": "SimSun",
        "header": [("示范科技有限公司　人力资源部", []),
                   (f"经办人：{c1['name']}　手机号：{c1['mobile']}", [("PERSON_NAME", c1["name"]), ("PHONE", c1["mobile"])])],
        "footer": [(f"本表由{c0['name']}本人填写，信息如有变更请及时告知。", [("PERSON_NAME", c0["name"])])],
        "paras": [
            (f"姓名：{c0['name']}", [("PERSON_NAME", c0["name"])]),
            (f"身份证号：{c0['id']}", [("CN_RESIDENT_ID", c0["id"])]),
            (f"出生日期：{c0['dob_cn']}", [("DATE_OF_BIRTH", c0["dob_cn"])]),
            (f"手机号：{c0['mobile']}", [("PHONE", c0["mobile"])]),
            (f"电子邮箱：{c0['email']}", [("EMAIL", c0["email"])]),
            (f"家庭住址：{c0['address']}", [("ADDRESS", c0["address"])]),
            (hs, hsp),
        ],
        "table_intro": "家庭成员",
        "table_header": ["姓名", "身份证号", "手机号", "出生日期", "住址"],
        "rows": [[(p["name"], "PERSON_NAME"), (p["id"], "CN_RESIDENT_ID"), (p["mobile"], "PHONE"),
                  (p["dob_cn"], "DATE_OF_BIRTH"), (p["address"], "ADDRESS")] for p in cn[2:]],
    }
    hk = [P.hk() for _ in range(4)]
    h0, h1 = hk[0], hk[1]
    he, hep = HEALTH_EN
    en = {
        "title": "Membership Application Form", "font": "MingLiU_HKSCS",
        "header": [("Harbour Sports Association Limited - Membership Office", []),
                   (f"Case officer: {h1['name_en_full']}, Tel: {h1['mobile']}",
                    [("PERSON_NAME", h1["name_en_full"]), ("PHONE", h1["mobile"])])],
        "footer": [(f"Prepared for {h0['name_en']}. Enquiries: 2345 6789 (office hotline)", [("PERSON_NAME", h0["name_en"])])],
        "paras": [
            ("Part A - Applicant", []),
            (f"Name: {h0['name_en']}", [("PERSON_NAME", h0["name_en"])]),
            (f"Chinese name: {h0['name']}", [("PERSON_NAME", h0["name"])]),
            (f"HKID: {h0['id']}", [("HK_ID", h0["id"])]),
            (f"Date of birth: {h0['dob_hk']}", [("DATE_OF_BIRTH", h0["dob_hk"])]),
            (f"Mobile: +852 {h0['mobile']}", [("PHONE", "+852 " + h0["mobile"])]),
            (f"Email: {h0['email']}", [("EMAIL", h0["email"])]),
            (f"Address: {h0['address_en']}", [("ADDRESS", h0["address_en"])]),
            ("Part B - Health declaration", []),
            (he, hep),
        ],
        "table_intro": "Part C - Family members",
        "table_header": ["Name", "HKID", "Phone", "Date of birth", "Address"],
        "rows": [[(p["name_en"], "PERSON_NAME"), (p["id"], "HK_ID"), (p["mobile"], "PHONE"),
                  (p["dob_en"], "DATE_OF_BIRTH"), (p["address"], "ADDRESS")] for p in hk[2:]],
    }
    return {"tc": tc, "sc": sc, "en": en}


# --------------------------------------------------------------------------------------
# Spreadsheets
# --------------------------------------------------------------------------------------

SHEET_HEADER = ["員工編號", "姓名", "身分證字號", "出生日期", "手機", "電子郵件", "地址", "部門", "月薪"]
DEPTS = ["業務部", "財務部", "資訊部", "人資部", "客服部", "研發部"]


def roster(P: People, n: int, rng: random.Random) -> list[dict]:
    rows = []
    for i in range(n):
        p = P.tw_resident() if i % 10 == 7 else P.tw()
        p["emp_no"] = 10001 + i
        p["dept"] = DEPTS[i % len(DEPTS)]
        p["salary"] = rng.randrange(32000, 98000, 500)
        p["id_kind"] = "TW_RESIDENT_ID" if i % 10 == 7 else "TW_NATIONAL_ID"
        rows.append(p)
    return rows


def col_letter(c: int) -> str:  # 0-based
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def plant_roster(m: Manifest, rel: str, sheet: str, rows: list[dict], member: str | None = None) -> None:
    for r, p in enumerate(rows, start=2):
        for c, kind, value in [(1, "PERSON_NAME", p["name"]), (2, p["id_kind"], p["id"]),
                               (3, "DATE_OF_BIRTH", p["dob_iso"]), (4, "PHONE", p["mobile"]),
                               (5, "EMAIL", p["email"]), (6, "ADDRESS", p["address"])]:
            m.plant(rel, kind, value, {"sheet": sheet, "cell": f"{col_letter(c)}{r}"}, member)


def make_xlsx(path: Path, m: Manifest, rows: list[dict], macro: bool = False) -> str:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.properties.creator = "gezi corpus"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "名冊"
    ws.append(SHEET_HEADER)
    for c in ws[1]:
        c.font = Font(bold=True)
    for p in rows:
        ws.append([p["emp_no"], p["name"], p["id"], p["dob"], p["mobile"], p["email"], p["address"], p["dept"], p["salary"]])
    for r in range(2, len(rows) + 2):
        ws.cell(r, 4).number_format = "yyyy-mm-dd"
        ws.cell(r, 5).number_format = "@"
        ws.cell(r, 9).number_format = "#,##0"
    ws2 = wb.create_sheet("統計")
    ws2.append(["部門", "人數", "月薪合計"])
    for d in DEPTS:
        sel = [p for p in rows if p["dept"] == d]
        ws2.append([d, len(sel), sum(p["salary"] for p in sel)])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    replace = {}
    if macro:
        with zipfile.ZipFile(path) as z:
            ct = z.read("[Content_Types].xml")
        replace["[Content_Types].xml"] = ct.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    normalize_zip(path, replace)
    rel = m.rel(path)
    plant_roster(m, rel, "名冊", rows)
    return rel


def make_xls(path: Path, m: Manifest, rows: list[dict]) -> str:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("名冊")
    bold = xlwt.easyxf("font: bold on")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    money = xlwt.easyxf(num_format_str="#,##0")
    for c, h in enumerate(SHEET_HEADER):
        ws.write(0, c, h, bold)
    for r, p in enumerate(rows, start=1):
        ws.write(r, 0, p["emp_no"])
        ws.write(r, 1, p["name"])
        ws.write(r, 2, p["id"])
        ws.write(r, 3, p["dob"], date)
        ws.write(r, 4, p["mobile"])
        ws.write(r, 5, p["email"])
        ws.write(r, 6, p["address"])
        ws.write(r, 7, p["dept"])
        ws.write(r, 8, p["salary"], money)
    buf = io.BytesIO()
    wb.save(buf)
    write(path, buf.getvalue())
    rel = m.rel(path)
    plant_roster(m, rel, "名冊", rows)
    return rel


def make_ods(path: Path, m: Manifest, rows: list[dict]) -> str:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P as TP

    doc = OpenDocumentSpreadsheet()
    t = Table(name="名冊")

    def cell(v):
        if isinstance(v, int):
            c = TableCell(valuetype="float", value=v)
        elif isinstance(v, dt.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat())
            v = v.isoformat()
        else:
            c = TableCell(valuetype="string")
        c.addElement(TP(text=str(v)))
        return c

    tr = TableRow()
    for h in SHEET_HEADER:
        tr.addElement(cell(h))
    t.addElement(tr)
    for p in rows:
        tr = TableRow()
        for v in [p["emp_no"], p["name"], p["id"], p["dob"], p["mobile"], p["email"], p["address"], p["dept"], p["salary"]]:
            tr.addElement(cell(v))
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path)
    rel = m.rel(path)
    plant_roster(m, rel, "名冊", rows)
    return rel


def _odf_master(doc, header_text: str | None = None, footer_text: str | None = None):
    from odf.style import Footer, Header, MasterPage, PageLayout, PageLayoutProperties
    from odf.text import P as TP

    pl = PageLayout(name="PM1")
    pl.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm"))
    doc.automaticstyles.addElement(pl)
    mp = MasterPage(name="Standard", pagelayoutname=pl)
    if header_text:
        h = Header()
        h.addElement(TP(text=header_text))
        mp.addElement(h)
    if footer_text:
        f = Footer()
        f.addElement(TP(text=footer_text))
        mp.addElement(f)
    doc.masterstyles.addElement(mp)
    return mp


def make_odt(path: Path, m: Manifest, P: People) -> str:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P as TP

    a, b = P.tw(), P.hk()
    rel = m.rel(path)
    doc = OpenDocumentText()
    _odf_master(doc, f"志工報名表　聯絡窗口：{b['name']}", "本表依個人資料保護法蒐集，僅供活動聯繫使用。")
    m.plant(rel, "PERSON_NAME", b["name"], {"part": "header"})
    doc.text.addElement(H(outlinelevel=1, text="社區志工報名表"))
    paras = [
        (f"姓名：{a['name']}", [("PERSON_NAME", a["name"])]),
        (f"身分證字號：{a['id']}", [("TW_NATIONAL_ID", a["id"])]),
        (f"出生日期：{a['dob_roc']}", [("DATE_OF_BIRTH", a["dob_roc"])]),
        (f"聯絡電話：{a['mobile']}", [("PHONE", a["mobile"])]),
        (f"E-mail：{a['email']}", [("EMAIL", a["email"])]),
        (f"地址：{a['address']}", [("ADDRESS", a["address"])]),
        (f"推薦人：{b['name']}（香港身份證 {b['id']}，手提電話 {b['mobile']}）",
         [("PERSON_NAME", b["name"]), ("HK_ID", b["id"]), ("PHONE", b["mobile"])]),
        (CRIMINAL_TC[0], CRIMINAL_TC[1]),
    ]
    for text, plants in paras:
        doc.text.addElement(TP(text=text))
        for kind, value in plants:
            m.plant(rel, kind, value, {"part": "body"})
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path)
    return rel


def make_odp(path: Path, m: Manifest, P: People) -> str:
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.presentation import Notes
    from odf.text import P as TP

    rel = m.rel(path)
    doc = OpenDocumentPresentation()
    mp = _odf_master(doc)
    people = [P.tw(), P.cn()]

    def frame(parent, lines, y):
        fr = Frame(width="24cm", height="12cm", x="2cm", y=y)
        tb = TextBox()
        for line in lines:
            tb.addElement(TP(text=line))
        fr.addElement(tb)
        parent.addElement(fr)

    slides = [
        (["年度志工表揚名單", "第一季 服務時數統計 1,250 小時"], [], None),
        ([f"優秀志工：{people[0]['name']}", f"聯絡手機：{people[0]['mobile']}", f"電子郵件：{people[0]['email']}"],
         [("PERSON_NAME", people[0]["name"]), ("PHONE", people[0]["mobile"]), ("EMAIL", people[0]["email"])],
         (f"講者備註：頒獎時請聯絡{people[1]['name']}，手机号 {people[1]['mobile']}。",
          [("PERSON_NAME", people[1]["name"]), ("PHONE", people[1]["mobile"])])),
        ([f"跨境志工：{people[1]['name']}", f"身份证号：{people[1]['id']}"],
         [("PERSON_NAME", people[1]["name"]), ("CN_RESIDENT_ID", people[1]["id"])], None),
    ]
    for n, (lines, plants, notes) in enumerate(slides, start=1):
        page = Page(name=f"page{n}", masterpagename=mp)
        frame(page, lines, "2cm")
        for kind, value in plants:
            m.plant(rel, kind, value, {"slide": n})
        if notes:
            nt = Notes()
            frame(nt, [notes[0]], "14cm")
            page.addElement(nt)
            for kind, value in notes[1]:
                m.plant(rel, kind, value, {"part": f"notes {n}"})
        doc.presentation.addElement(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path)
    return rel


def make_pptx(path: Path, m: Manifest, P: People) -> str:
    from pptx import Presentation
    from pptx.util import Inches

    rel = m.rel(path)
    prs = Presentation()
    cp = prs.core_properties
    cp.author = "gezi corpus"
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_modified_by = "gezi corpus"
    cp.revision = 1
    a, b, c = P.tw(), P.hk(), P.cn()
    s1 = prs.slides.add_slide(prs.slide_layouts[0])
    s1.shapes.title.text = "客戶服務季報"
    s1.placeholders[1].text = "2024 年第二季　客服中心"
    s2 = prs.slides.add_slide(prs.slide_layouts[1])
    s2.shapes.title.text = "重要客訴個案"
    s2.placeholders[1].text = (f"客戶姓名：{a['name']}\n聯絡電話：{a['mobile']}\n"
                               f"身分證字號：{a['id']}\n地址：{a['address']}")
    for kind, value in [("PERSON_NAME", a["name"]), ("PHONE", a["mobile"]), ("TW_NATIONAL_ID", a["id"]), ("ADDRESS", a["address"])]:
        m.plant(rel, kind, value, {"slide": 2})
    s2.notes_slide.notes_text_frame.text = (f"備註：本案由香港分公司{b['name']}協助，"
                                            f"香港身份證 {b['id']}，電話 {b['mobile']}，請勿外流。")
    for kind, value in [("PERSON_NAME", b["name"]), ("HK_ID", b["id"]), ("PHONE", b["mobile"])]:
        m.plant(rel, kind, value, {"part": "notes 2"})
    s3 = prs.slides.add_slide(prs.slide_layouts[5])
    s3.shapes.title.text = "大陆客户名单"
    tbl = s3.shapes.add_table(2, 3, Inches(0.5), Inches(2), Inches(9), Inches(1.2)).table
    for i, h in enumerate(["姓名", "身份证号", "手机号"]):
        tbl.cell(0, i).text = h
    for i, (kind, value) in enumerate([("PERSON_NAME", c["name"]), ("CN_RESIDENT_ID", c["id"]), ("PHONE", c["mobile"])]):
        tbl.cell(1, i).text = value
        m.plant(rel, kind, value, {"slide": 3})
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    normalize_zip(path)
    return rel


# --------------------------------------------------------------------------------------
# RTF written by hand
# --------------------------------------------------------------------------------------

def _rtf_ascii(ch: str) -> str:
    return "\\" + ch if ch in "\\{}" else ch


def rtf_big5(text: str) -> str:
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(_rtf_ascii(ch))
        else:
            out.append("".join(f"\\'{b:02x}" for b in ch.encode("cp950")))
    return "".join(out)


def rtf_unicode(text: str) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if o < 128:
            out.append(_rtf_ascii(ch))
        else:
            out.append(f"\\u{o - 65536 if o > 32767 else o}?")
    return "".join(out)


def make_rtfs(outdir: Path, m: Manifest, P: People) -> None:
    # Big5: a person with surname 許 (its Big5 trail byte is 0x5C, a backslash).
    while True:
        a = P.tw()
        if a["name"].startswith("許"):
            break
    b = P.tw()
    lines = [
        ("員工資料異動申請", []),
        (f"姓名：{a['name']}", [("PERSON_NAME", a["name"])]),
        (f"身分證字號：{a['id']}", [("TW_NATIONAL_ID", a["id"])]),
        (f"手機：{a['mobile']}", [("PHONE", a["mobile"])]),
        (f"新通訊地址：{a['address']}", [("ADDRESS", a["address"])]),
        (f"出生日期：{a['dob_roc']}", [("DATE_OF_BIRTH", a["dob_roc"])]),
        (f"代理人：{b['name']}，聯絡電話 {b['mobile']}", [("PERSON_NAME", b["name"]), ("PHONE", b["mobile"])]),
    ]
    body = "\\par\n".join(rtf_big5(t) for t, _ in lines)
    rtf = ("{\\rtf1\\ansi\\ansicpg950\\deff0\\deflang1033\\deflangfe1028"
           "{\\fonttbl{\\f0\\fnil\\fcharset136 " + rtf_big5("新細明體") + ";}}\n"
           "{\\*\\generator gezi corpus;}\\viewkind4\\uc1\\pard\\f0\\fs24\n" + body + "\\par\n}\n")
    p = write(outdir / "rtf" / "異動申請_big5.rtf", rtf, "ascii")
    rel = m.file(p, "rtf", "\\ansicpg950, Big5 bytes as \\'xx escapes; 許 has trail byte 0x5C")
    for _, plants in lines:
        for kind, value in plants:
            m.plant(rel, kind, value, {"part": "body"})

    c, h = P.cn(), P.hk()
    lines = [
        ("客户资料确认函", []),
        (f"姓名：{c['name']}", [("PERSON_NAME", c["name"])]),
        (f"身份证号：{c['id']}", [("CN_RESIDENT_ID", c["id"])]),
        (f"联系电话：{c['mobile']}", [("PHONE", c["mobile"])]),
        (f"地址：{c['address']}", [("ADDRESS", c["address"])]),
        (f"香港聯絡人：{h['name']}，身份證號碼 {h['id']}，電郵 {h['email']}",
         [("PERSON_NAME", h["name"]), ("HK_ID", h["id"]), ("EMAIL", h["email"])]),
    ]
    body = "\\par\n".join(rtf_unicode(t) for t, _ in lines)
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
           "{\\*\\generator gezi corpus;}\\viewkind4\\uc1\\pard\\f0\\fs24\n" + body + "\\par\n}\n")
    p = write(outdir / "rtf" / "确认函_unicode.rtf", rtf, "ascii")
    rel = m.file(p, "rtf", "\\uN? escapes (negative N above 32767)")
    for _, plants in lines:
        for kind, value in plants:
            m.plant(rel, kind, value, {"part": "body"})


# --------------------------------------------------------------------------------------
# PDF (reportlab)
# --------------------------------------------------------------------------------------

def build_noto_ttf(text: str, out: Path) -> Path | None:
    """reportlab embeds only TrueType outlines; Noto CJK ships CFF outlines in a .ttc.
    Subset Noto Sans CJK TC to the characters used and convert CFF to glyf with fontTools,
    then let reportlab embed (and subset again) that TTF."""
    try:
        from fontTools import subset
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib import TTCollection, newTable
    except ImportError:
        return None
    if not NOTO_TTC.exists():
        return None
    col = TTCollection(str(NOTO_TTC))
    font = next(f for f in col.fonts if f["name"].getDebugName(4) == "Noto Sans CJK TC")
    opts = subset.Options()
    opts.desubroutinize = True
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    sub = subset.Subsetter(opts)
    sub.populate(text="".join(sorted(set(text + "".join(chr(c) for c in range(32, 127))))))
    sub.subset(font)
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for g in order:
        pen = TTGlyphPen(gs)
        gs[g].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[g] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for g in order:
        adv, _ = hmtx.metrics[g]
        hmtx.metrics[g] = (adv, getattr(glyf.glyphs[g], "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for a in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, a, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["post"].formatType = 3.0
    font["head"].created = font["head"].modified = 3800000000
    font.sfntVersion = "\000\001\000\000"
    font.recalcTimestamp = False
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def register_cid_fonts(vertical: bool = False) -> None:
    """reportlab's table maps MSung-Light to UniGB-UCS2-H, a GB encoding that poppler
    cannot use with the Adobe-CNS1 collection: use UniCNS-UCS2-H (or -V)."""
    from reportlab.pdfbase import _cidfontdata, pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    _cidfontdata.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
    import reportlab.pdfbase.cidfonts as cf
    cf.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light", isVertical=vertical))
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def new_canvas(path: Path, **kw):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **kw)
    c.setAuthor("gezi corpus")
    c.setCreator("gezi corpus")
    return c


def pdf_form(c, font: str, title: str, lines: list[str], table: tuple[list[str], list[list[str]]] | None = None,
             y0: float = 780) -> None:
    c.setFont(font, 16)
    c.drawString(60, y0, title)
    y = y0 - 36
    c.setFont(font, 11)
    for line in lines:
        c.drawString(60, y, line)
        y -= 20
    if table:
        header, rows = table
        widths = [70, 95, 95, 80, 150][: len(header)]
        y -= 10
        xs = [50]
        for w in widths:
            xs.append(xs[-1] + w)
        c.setFont(font, 8)
        for r, row in enumerate([header] + rows):
            top = y - r * 22
            for i, cell in enumerate(row):
                c.rect(xs[i], top - 16, widths[i], 22)
                c.drawString(xs[i] + 3, top - 10, cell)


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for ch in text:
        if stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def make_pdfs(outdir: Path, m: Manifest, P: People, tmp: Path) -> dict:
    """Returns the path of the encrypted PDF (hostile) and the font name used."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    d = outdir / "pdf"
    # people and texts first: the embedded font is subset to what is drawn
    a, r1, r2 = P.tw(), P.tw(), P.tw()
    b, c0, hk1 = P.tw(), P.cn(), P.hk()
    w = P.tw()
    p2, p3 = P.tw(), P.hk()
    enc = P.tw()
    ht, hp = HEALTH_TC
    noto_form = (f"個人資料蒐集同意書", [
        f"姓名：{a['name']}", f"身分證字號：{a['id']}", f"出生日期：{a['dob_roc']}",
        f"手機：{a['mobile']}", f"電子郵件：{a['email']}", f"戶籍地址：{a['address']}", ht],
        (["姓名", "身分證字號", "手機", "出生日期", "地址"],
         [[p["name"], p["id"], p["mobile"], p["dob_iso"], p["address"]] for p in (r1, r2)]))
    intro = ("本會於一一三年五月二十日召開會員大會，會中決議辦理年度會員資料更新。經查，會員")
    tail = (f"，原登記之通訊處已不再使用，自即日起所有會議通知及會刊一律寄送至新址。"
            f"如有疑問，請於上班時間洽詢本會秘書處，或來信至服務信箱，本會將儘速回覆。")
    filler = ["另外，", "依照章程規定，", "為確保通知送達，", "經理事會同意後，", "本次更新作業中，"]
    mp_page1 = "第二季工作報告：本季共辦理講座六場，參與人次合計四百二十人，經費執行率百分之八十七。"
    all_text = "".join(noto_form[1]) + noto_form[0] + "".join("".join(x) for x in noto_form[2][1]) + "".join(noto_form[2][0])
    all_text += intro + tail + "".join(filler) + w["name"] + w["address"] + w["mobile"] + "身分證字號" + w["id"]
    all_text += mp_page1 + "".join(str(v) for v in list(p2.values()) + list(p3.values())) + "會員資料更新通知續頁香港會員（續）"
    all_text += "姓名身分證字號出生日期手機電子郵件通訊地址聯絡電話香港身份證地址備註：" + HEALTH_TC[0] + "（）、，。：；！"
    font = None
    # every literal of this script too (labels, sentences, the name and place lists)
    all_text += Path(__file__).read_text(encoding="utf-8")
    ttf = build_noto_ttf(all_text, tmp / "NotoSansCJKtc-subset.ttf")
    if ttf:
        pdfmetrics.registerFont(TTFont("NotoSansTC", str(ttf)))
        font = "NotoSansTC"
    else:
        m.skip("pdf/申請書_noto_embedded.pdf", "fontTools or /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc missing")
    register_cid_fonts()

    def plant_form(rel, person, extra=()):
        for kind, value in [("PERSON_NAME", person["name"]), ("TW_NATIONAL_ID", person["id"]),
                            ("DATE_OF_BIRTH", person["dob_roc"]), ("PHONE", person["mobile"]),
                            ("EMAIL", person["email"]), ("ADDRESS", person["address"])] + list(extra):
            m.plant(rel, kind, value, {"page": 1})

    if font:
        # (1) embedded Noto CJK TrueType subset
        p = d / "申請書_noto_embedded.pdf"
        cv = new_canvas(p)
        cv.setTitle("個人資料蒐集同意書")
        pdf_form(cv, font, *noto_form)
        cv.showPage()
        cv.save()
        rel = m.file(p, "pdf", "Noto Sans CJK TC converted to TrueType, embedded subset with ToUnicode")
        plant_form(rel, a, hp)
        for q in (r1, r2):
            for kind, value in [("PERSON_NAME", q["name"]), ("TW_NATIONAL_ID", q["id"]), ("PHONE", q["mobile"]),
                                ("DATE_OF_BIRTH", q["dob_iso"]), ("ADDRESS", q["address"])]:
                m.plant(rel, kind, value, {"page": 1})

    # (2) CID fonts without embedding or ToUnicode, like old government PDFs
    p = d / "申請書_msung_cid.pdf"
    cv = new_canvas(p)
    pdf_form(cv, "MSung-Light", "房屋租賃契約　承租人資料", [
        f"承租人姓名：{b['name']}", f"身分證字號：{b['id']}", f"出生日期：{b['dob_roc']}",
        f"聯絡電話：{b['mobile']}", f"戶籍地址：{b['address']}", f"電子郵件：{b['email']}",
        "租金每月新臺幣一萬八千元整，押金二個月。"])
    cv.showPage()
    cv.save()
    rel = m.file(p, "pdf", "MSung-Light, UniCNS-UCS2-H, not embedded, no ToUnicode")
    plant_form(rel, b)
    p = d / "申请表_stsong_cid.pdf"
    cv = new_canvas(p)
    pdf_form(cv, "STSong-Light", "租房合同　承租人信息", [
        f"姓名：{c0['name']}", f"身份证号：{c0['id']}", f"出生日期：{c0['dob_cn']}",
        f"手机号：{c0['mobile']}", f"电子邮箱：{c0['email']}", f"户籍地址：{c0['address']}"])
    cv.showPage()
    cv.save()
    rel = m.file(p, "pdf", "STSong-Light, UniGB-UCS2-H, not embedded, no ToUnicode")
    for kind, value in [("PERSON_NAME", c0["name"]), ("CN_RESIDENT_ID", c0["id"]), ("DATE_OF_BIRTH", c0["dob_cn"]),
                        ("PHONE", c0["mobile"]), ("EMAIL", c0["email"]), ("ADDRESS", c0["address"])]:
        m.plant(rel, kind, value, {"page": 1})

    # (3) vertical writing (UniCNS-UCS2-V), columns right to left
    register_cid_fonts(vertical=True)
    p = d / "直書_msung_vertical.pdf"
    cv = new_canvas(p)
    cv.setFont("MSung-Light", 14)
    hk_phone = hk1["mobile"].replace(" ", "")  # a half-width space breaks a vertical column
    cols = ["推薦函", f"茲推薦{hk1['name']}君", f"香港身份證{hk1['id']}", f"聯絡電話{hk_phone}",
            f"住址{hk1['address']}"]
    x = 520
    for col in cols:
        cv.drawString(x, 780, col)
        x -= 30
    cv.showPage()
    cv.save()
    register_cid_fonts(vertical=False)
    rel = m.file(p, "pdf", "vertical text with the MSung-Light UniCNS-UCS2-V CMap")
    for kind, value in [("PERSON_NAME", hk1["name"]), ("HK_ID", hk1["id"]), ("PHONE", hk_phone), ("ADDRESS", hk1["address"])]:
        m.plant(rel, kind, value, {"page": 1})

    if font:
        # (4) an address that wraps across a line end
        p = d / "通知_地址換行.pdf"
        lead = intro
        for extra in [""] + filler:
            lead = extra + intro
            text = f"{lead}{w['name']}（身分證字號{w['id']}）之通訊地址已變更為{w['address']}{tail}"
            lines = wrap_text(text, font, 12, 330)
            start = text.index(w["address"])
            ends, pos = [], 0
            for ln in lines:
                pos += len(ln)
                ends.append(pos)
            id_at = text.index(w["id"])
            if (any(start + 3 <= e <= start + len(w["address"]) - 3 for e in ends)
                    and not any(id_at < e < id_at + len(w["id"]) for e in ends)):
                break
        else:
            raise RuntimeError("could not make the address wrap")
        cv = new_canvas(p)
        cv.setFont(font, 16)
        cv.drawString(60, 780, "會員資料更新通知")
        cv.setFont(font, 12)
        y = 740
        for ln in lines:
            cv.drawString(60, y, ln)
            y -= 18
        cv.showPage()
        cv.save()
        rel = m.file(p, "pdf", "the address is split across two lines of a paragraph")
        for kind, value in [("PERSON_NAME", w["name"]), ("TW_NATIONAL_ID", w["id"]), ("ADDRESS", w["address"])]:
            m.plant(rel, kind, value, {"page": 1})

        # (5) values on pages 2 and 3
        p = d / "會員名冊_多頁.pdf"
        cv = new_canvas(p)
        cv.setFont(font, 12)
        cv.drawString(60, 780, mp_page1)
        cv.showPage()
        pdf_form(cv, font, "會員資料更新通知續頁", [
            f"姓名：{p2['name']}", f"身分證字號：{p2['id']}", f"手機：{p2['mobile']}", f"通訊地址：{p2['address']}"])
        cv.showPage()
        pdf_form(cv, font, "香港會員（續）", [
            f"姓名：{p3['name']}", f"香港身份證：{p3['id']}", f"出生日期：{p3['dob_hk']}", f"電子郵件：{p3['email']}"])
        cv.showPage()
        cv.save()
        rel = m.file(p, "pdf", "3 pages, page 1 has no personal data")
        for kind, value in [("PERSON_NAME", p2["name"]), ("TW_NATIONAL_ID", p2["id"]), ("PHONE", p2["mobile"]), ("ADDRESS", p2["address"])]:
            m.plant(rel, kind, value, {"page": 2})
        for kind, value in [("PERSON_NAME", p3["name"]), ("HK_ID", p3["id"]), ("DATE_OF_BIRTH", p3["dob_hk"]), ("EMAIL", p3["email"])]:
            m.plant(rel, kind, value, {"page": 3})

    # (7) encrypted (user password): hostile
    p = outdir / "hostile" / "encrypted_user_password.pdf"
    cv = new_canvas(p, encrypt=StandardEncryption("gezi-open", ownerPassword="gezi-owner", strength=128))
    # reportlab encrypts the CIDSystemInfo strings of its CID fonts so that poppler cannot
    # read them back: use the embedded TrueType font (or Helvetica and an English form)
    if font:
        pdf_form(cv, font, "加密文件", [f"姓名：{enc['name']}", f"身分證字號：{enc['id']}"])
        hidden = [enc["name"], enc["id"]]
    else:
        pdf_form(cv, "Helvetica", "Encrypted", [f"Name: {enc['name_en']}", f"ID: {enc['id']}"])
        hidden = [enc["name_en"], enc["id"]]
    cv.showPage()
    cv.save()
    return {"encrypted": p, "encrypted_values": hidden, "font": font}


def make_scanned_pdf(outdir: Path, m: Manifest, scan_entries: list[dict]) -> None:
    """(6) An image-only PDF: each rendered PNG/JPEG form on its own A4 page (reportlab
    keeps the JPEG data as it is and the pixels of the PNGs: the page keeps its dpi)."""
    from reportlab.lib.pagesizes import A4

    images = sorted({e["file"] for e in scan_entries if e["file"].lower().endswith((".png", ".jpg", ".jpeg"))})
    if not images:
        m.skip("pdf/掃描_影像.pdf", "scripts/corpus/render_forms.py produced no PNG/JPEG images")
        return
    p = outdir / "pdf" / "掃描_影像.pdf"
    cv = new_canvas(p)
    from reportlab.lib.utils import ImageReader

    for rel in images:  # from bytes: reportlab would name the image after its path
        cv.drawImage(ImageReader(io.BytesIO((outdir / rel).read_bytes())), 0, 0, width=A4[0], height=A4[1])
        cv.showPage()
    cv.save()
    rel = m.file(p, "pdf", f"image-only, no text layer: {len(images)} pages, one rendered form a page "
                           f"({', '.join(Path(i).name for i in images)}); text only by OCR")
    for n, img in enumerate(images, start=1):
        for e in scan_entries:
            if e["file"] == img:
                m.plant(rel, e["kind"], e["value"], {"page": n})


# --------------------------------------------------------------------------------------
# Text formats
# --------------------------------------------------------------------------------------

def table_people(P: People, n: int) -> list[dict]:
    out = []
    for i in range(n):
        kind = ["tw", "hk", "cn"][i % 3]
        p = getattr(P, kind)()
        out.append({
            "kind": kind, "name": p["name"], "id": p["id"],
            "id_kind": {"tw": "TW_NATIONAL_ID", "hk": "HK_ID", "cn": "CN_RESIDENT_ID"}[kind],
            "dob": {"tw": p.get("dob_iso"), "hk": p.get("dob_hk"), "cn": p.get("dob_cn")}[kind],
            "mobile": p["mobile"], "email": p["email"], "address": p["address"],
            "order": f"SO-2024-{10000 + i * 37}",
        })
    return out


CSV_HEADER = ["訂單編號", "姓名", "證件號碼", "出生日期", "聯絡電話", "電子郵件", "地址"]
PLANT_COLS = [("name", "PERSON_NAME"), ("id", None), ("dob", "DATE_OF_BIRTH"), ("mobile", "PHONE"),
              ("email", "EMAIL"), ("address", "ADDRESS")]


def plant_rows(m: Manifest, rel: str, rows: list[dict], first_line: int, member: str | None = None, step: int = 1) -> None:
    for i, p in enumerate(rows):
        for key, kind in PLANT_COLS:
            m.plant(rel, kind or p["id_kind"], p[key], {"line": first_line + i * step}, member)


def csv_text(rows: list[dict], delim: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n" if delim == "," else "\n")
    w.writerow(CSV_HEADER)
    for p in rows:
        w.writerow([p["order"], p["name"], p["id"], p["dob"], p["mobile"], p["email"], p["address"]])
    return buf.getvalue()


def make_text_files(outdir: Path, m: Manifest, P: People) -> dict:
    d = outdir / "text"
    made = {}
    # CSV in three encodings, TSV
    for fname, enc, note in [("名單_utf8.csv", "utf-8", "UTF-8 without BOM, CRLF"),
                             ("名單_big5.csv", "cp950", "Big5 (CP950)"),
                             ("名單_utf16le.csv", "utf-16-le", "UTF-16LE without BOM")]:
        rows = table_people(P, 30)
        if enc == "cp950":  # Simplified names and addresses are mostly outside Big5
            rows = [r for r in rows if r["kind"] != "cn"]
        p = write(d / fname, csv_text(rows), enc)
        rel = m.file(p, "csv", note)
        plant_rows(m, rel, rows, 2)
        made[fname] = (p, rows)
    rows = table_people(P, 20)
    p = write(d / "list.tsv", csv_text(rows, "\t"))
    rel = m.file(p, "tsv")
    plant_rows(m, rel, rows, 2)

    # JSON array of objects, one key a line; JSON Lines
    rows = table_people(P, 12)
    lines = ["["]
    for i, r in enumerate(rows):
        lines.append("  {")
        obj = [("order", r["order"]), ("姓名", r["name"]), ("證件號碼", r["id"]), ("出生日期", r["dob"]),
               ("手機", r["mobile"]), ("email", r["email"]), ("地址", r["address"])]
        key_of = {"name": "姓名", "id": "證件號碼", "dob": "出生日期", "mobile": "手機", "email": "email", "address": "地址"}
        for j, (k, v) in enumerate(obj):
            lines.append(f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" + ("," if j < len(obj) - 1 else ""))
        lines.append("  }" + ("," if i < len(rows) - 1 else ""))
    lines.append("]")
    p = write(d / "people.json", "\n".join(lines) + "\n")
    rel = m.file(p, "json", "array of objects")
    for key, kind in PLANT_COLS:
        target = json.dumps(key_of[key], ensure_ascii=False) + ":"
        for r in rows:
            ln = next(i for i, l in enumerate(lines, start=1) if l.strip().startswith(target)
                      and json.dumps(r[key], ensure_ascii=False) in l)
            m.plant(rel, kind or r["id_kind"], r[key], {"line": ln})
    rows = table_people(P, 12)
    text = "".join(json.dumps({"name": r["name"], "id_no": r["id"], "dob": r["dob"], "phone": r["mobile"],
                               "email": r["email"], "address": r["address"], "order": r["order"]},
                              ensure_ascii=False) + "\n" for r in rows)
    p = write(d / "people.jsonl", text)
    rel = m.file(p, "jsonl")
    plant_rows(m, rel, rows, 1)

    # HTML in Big5 with a table
    rows = [r for r in table_people(P, 9) if r["kind"] != "cn"]
    html = ["<!DOCTYPE html>", "<html lang=\"zh-Hant\">", "<head>", "<meta charset=\"big5\">",
            "<title>活動報名名單</title>", "</head>", "<body>", "<h1>活動報名名單</h1>",
            "<p>以下為本次講座報名者，請承辦人核對後歸檔。</p>", "<table border=\"1\">",
            "<tr><th>姓名</th><th>證件號碼</th><th>出生日期</th><th>手機</th><th>電子郵件</th><th>地址</th></tr>"]
    first = len(html) + 1
    for r in rows:
        html.append("<tr>" + "".join(f"<td>{r[k]}</td>" for k, _ in PLANT_COLS) + "</tr>")
    html += ["</table>", "<p>聯絡窗口：客服專線 0800-051-888（週一至週五）</p>", "</body>", "</html>"]
    p = write(d / "報名名單_big5.html", "\n".join(html) + "\n", "cp950")
    rel = m.file(p, "html", "Big5 with <meta charset=big5>, one table row a line")
    plant_rows(m, rel, rows, first)

    # XML
    rows = table_people(P, 6)
    xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<members>"]
    for r in rows:
        xml.append(f"  <member order=\"{r['order']}\">")
        start = len(xml) + 1
        for k, tag in [("name", "姓名"), ("id", "證件號碼"), ("dob", "出生日期"), ("mobile", "手機"), ("email", "email"), ("address", "地址")]:
            xml.append(f"    <{tag}>{r[k]}</{tag}>")
        xml.append("  </member>")
        for off, (key, kind) in enumerate(PLANT_COLS):
            m.plant("text/members.xml", kind or r["id_kind"], r[key], {"line": start + off})
    xml.append("</members>")
    p = write(d / "members.xml", "\n".join(xml) + "\n")
    m.file(p, "xml")

    # plain text with NUL padding; UTF-16LE text without BOM (not hostile: must be read)
    a, c = P.tw(), P.cn()
    lines = ["會議紀錄（草稿）", "", f"出席：{a['name']}（手機 {a['mobile']}）",
             f"會後請寄送資料至 {a['email']}。", f"大陆联系人：{c['name']}，手机号 {c['mobile']}。", ""]
    p = write(d / "會議紀錄_nul.txt", ("\n".join(lines)).encode("utf-8") + b"\0" * 4096)
    rel = m.file(p, "txt", "UTF-8 followed by 4096 NUL bytes of padding")
    for kind, value, ln in [("PERSON_NAME", a["name"], 3), ("PHONE", a["mobile"], 3), ("EMAIL", a["email"], 4),
                            ("PERSON_NAME", c["name"], 5), ("PHONE", c["mobile"], 5)]:
        m.plant(rel, kind, value, {"line": ln})
    h = P.hk()
    lines = ["備忘錄", f"客戶：{h['name']}（{h['name_en']}）", f"香港身份證：{h['id']}", f"出生日期：{h['dob_hk']}",
             f"住址：{h['address']}", f"電話：{h['mobile']}", ""]
    p = write(d / "備忘_utf16le.txt", "\r\n".join(lines), "utf-16-le")
    rel = m.file(p, "txt", "UTF-16LE without BOM, CRLF")
    for kind, value, ln in [("PERSON_NAME", h["name"], 2), ("PERSON_NAME", h["name_en"], 2), ("HK_ID", h["id"], 3),
                            ("DATE_OF_BIRTH", h["dob_hk"], 4), ("ADDRESS", h["address"], 5), ("PHONE", h["mobile"], 6)]:
        m.plant(rel, kind, value, {"line": ln})
    return made


# --------------------------------------------------------------------------------------
# Mail
# --------------------------------------------------------------------------------------

def encoded_word(text: str, charset: str) -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def _fixed_boundary(msg, n: int) -> None:
    msg.set_boundary(f"==gezi-corpus-boundary-{n:02d}==")


def make_mail(outdir: Path, m: Manifest, P: People, docx_tc: Path, csv_bytes: bytes, csv_rows: list[dict]) -> None:
    d = outdir / "mail"
    a, c, h = P.tw(), P.cn(), P.tw()
    # .eml: Big5 text, GB2312 subject, HTML alternative, base64 attachments (docx, zip)
    msg = MIMEMultipart("mixed")
    _fixed_boundary(msg, 1)
    subject = f"关于{c['name']}的入职资料"
    # encoded words by hand: the email package labels them with its codec names
    # (eucgb2312_cn, big5_tw), which real mail never uses
    msg["Subject"] = encoded_word(subject, "gb2312")
    msg["From"] = f"{encoded_word(a['name'], 'big5')} <{a['email']}>"
    msg["To"] = f"{encoded_word('人資部', 'big5')} <hr@example.com>"
    msg["Date"] = "Sat, 01 Jun 2024 09:30:00 +0800"
    msg["Message-ID"] = "<corpus-0001@example.com>"
    body_lines = ["人資部您好：", "", f"附件為新進同仁{h['name']}的入職申請書，請查收。",
                  f"{h['name']}的手機：{h['mobile']}，身分證字號：{h['id']}。",
                  f"通訊地址：{h['address']}", "", f"{a['name']} 敬上", f"手機 {a['mobile']}"]
    alt = MIMEMultipart("alternative")
    _fixed_boundary(alt, 2)
    alt.attach(MIMEText("\r\n".join(body_lines) + "\r\n", "plain", "big5"))
    html = "<html><head><meta charset=\"big5\"></head><body>" + "".join(f"<p>{l}</p>" for l in body_lines) + "</body></html>"
    alt.attach(MIMEText(html, "html", "big5"))
    msg.attach(alt)
    att = MIMEApplication(docx_tc.read_bytes(), "vnd.openxmlformats-officedocument.wordprocessingml.document")
    att.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "申請書.docx"))
    msg.attach(att)
    zipped = zip_bytes([("名單.csv", csv_bytes)])
    att = MIMEApplication(zipped, "zip")
    att.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "名單.zip"))
    msg.attach(att)
    p = write(d / "入職資料.eml", msg.as_bytes())
    rel = m.file(p, "eml", "Big5 body (base64), GB2312 RFC 2047 subject, HTML alternative, docx and zip attachments")
    m.plant(rel, "PERSON_NAME", c["name"], {"part": "subject"})
    m.plant(rel, "PERSON_NAME", a["name"], {"part": "headers"})
    m.plant(rel, "EMAIL", a["email"], {"part": "headers"})
    for kind, value in [("PERSON_NAME", h["name"]), ("PHONE", h["mobile"]), ("TW_NATIONAL_ID", h["id"]),
                        ("ADDRESS", h["address"]), ("PHONE", a["mobile"])]:
        m.plant(rel, kind, value, {"part": "body"})
    m.copy_into(m.rel(docx_tc), rel, "申請書.docx")
    plant_rows(m, rel, csv_rows, 2, "名單.zip!名單.csv")

    # .mbox of 3 messages
    msgs = []
    x, y, z = P.tw(), P.cn(), P.hk()
    m1 = MIMEText(f"王經理您好：\n\n客戶{x['name']}來電更改地址為{x['address']}，\n回電號碼 {x['mobile']}。\n", "plain", "utf-8")
    m1["Subject"] = Header("客戶地址變更", "utf-8")
    m1["From"] = "service@example.com"
    m1["To"] = "manager@example.com"
    m1["Date"] = "Mon, 03 Jun 2024 10:00:00 +0800"
    m1["Message-ID"] = "<corpus-mbox-1@example.com>"
    msgs.append((m1, [("PERSON_NAME", x["name"]), ("ADDRESS", x["address"]), ("PHONE", x["mobile"])]))
    m2 = MIMEText(f"你好，\n\n新员工{y['name']}的身份证号是{y['id']}，手机号{y['mobile']}，请办理门禁卡。\n", "plain", "gbk")
    m2["Subject"] = Header("门禁卡申请", "gbk")
    m2["From"] = "hr@example.cn"
    m2["To"] = "admin@example.cn"
    m2["Date"] = "Tue, 04 Jun 2024 11:00:00 +0800"
    m2["Message-ID"] = "<corpus-mbox-2@example.com>"
    msgs.append((m2, [("PERSON_NAME", y["name"]), ("CN_RESIDENT_ID", y["id"]), ("PHONE", y["mobile"])]))
    m3 = MIMEText(f"Dear team,\n\nPlease update the record of {z['name_en']} (HKID {z['id']}).\n"
                  f"New address: {z['address_en']}\nMobile: {z['mobile']}\n\nRegards,\nOffice admin\n", "plain", "us-ascii")
    m3["Subject"] = "Record update"
    m3["From"] = "admin@example.org"
    m3["To"] = "team@example.org"
    m3["Date"] = "Wed, 05 Jun 2024 12:00:00 +0800"
    m3["Message-ID"] = "<corpus-mbox-3@example.com>"
    msgs.append((m3, [("PERSON_NAME", z["name_en"]), ("HK_ID", z["id"]), ("ADDRESS", z["address_en"]), ("PHONE", z["mobile"])]))
    out = bytearray()
    for i, (mm, _) in enumerate(msgs):
        out += f"From {mm['From']} Sat Jun  {i + 3} 09:30:00 2024\n".encode()
        raw = mm.as_bytes().replace(b"\r\n", b"\n")
        raw = re.sub(rb"(?m)^(>*From )", rb">\1", raw)
        out += raw.rstrip(b"\n") + b"\n\n"
    p = write(d / "收件匣.mbox", bytes(out))
    rel = m.file(p, "mbox", "3 messages: UTF-8 (base64), GBK (base64), ASCII")
    for i, (_, plants) in enumerate(msgs, start=1):
        for kind, value in plants:
            m.plant(rel, kind, value, {"part": "body"}, f"message {i}")

    # .msg (Outlook) with msgforge
    try:
        from msgforge import Message
    except ImportError:
        m.skip("mail/客訴通知.msg", "msgforge is not installed")
        return
    q, r = P.tw(), P.hk()
    text = (f"各位同仁好：\r\n\r\n客戶{q['name']}（身分證字號 {q['id']}）來信反映帳單問題，"
            f"請以手機 {q['mobile']} 回覆。\r\n香港客戶{r['name']}亦同，電話 {r['mobile']}。\r\n")
    html = "<html><body>" + "".join(f"<p>{l}</p>" for l in text.split("\r\n") if l) + "</body></html>"
    mm = Message(subject=f"客訴通知：{q['name']}", text_body=text, html_body=html,
                 to=[("cs@example.com", "客服部")], sender=(q["email"], q["name"]), sent=FIXED_UTC)
    mm.attach_bytes("名單.csv", csv_bytes, "text/csv")
    p = write(d / "客訴通知.msg", mm.as_bytes())
    rel = m.file(p, "msg", "Outlook .msg (CFB) written by msgforge: Unicode subject, text, HTML and RTF bodies, a CSV attachment")
    m.plant(rel, "PERSON_NAME", q["name"], {"part": "subject"})
    m.plant(rel, "EMAIL", q["email"], {"part": "headers"})
    for kind, value in [("PERSON_NAME", q["name"]), ("TW_NATIONAL_ID", q["id"]), ("PHONE", q["mobile"]),
                        ("PERSON_NAME", r["name"]), ("PHONE", r["mobile"])]:
        m.plant(rel, kind, value, {"part": "body"})
    plant_rows(m, rel, csv_rows, 2, "名單.csv")


# --------------------------------------------------------------------------------------
# Archives
# --------------------------------------------------------------------------------------

def _tarinfo(name: str, size: int = 0, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mtime = FIXED_TS
    ti.mode = 0o644 if kind == tarfile.REGTYPE else 0o777
    ti.type = kind
    ti.linkname = link
    ti.uid = ti.gid = 1000
    ti.uname = ti.gname = "corpus"
    return ti


def tar_bytes(members: list[tuple[str, bytes]], gz: bool = False) -> bytes:
    buf = io.BytesIO()
    fobj = gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=FIXED_TS) if gz else buf
    with tarfile.open(fileobj=fobj, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data in members:
            t.addfile(_tarinfo(name, len(data)), io.BytesIO(data))
    if gz:
        fobj.close()
    return buf.getvalue()


def make_archives(outdir: Path, m: Manifest, docx_tc: Path, docx_sc: Path, csv_path: Path, csv_rows: list[dict],
                  tsv_path: Path, rng: random.Random) -> None:
    d = outdir / "archives"
    tc_rel, sc_rel = m.rel(docx_tc), m.rel(docx_sc)
    csv_bytes, tsv_bytes = csv_path.read_bytes(), tsv_path.read_bytes()
    csv_rel, tsv_rel = m.rel(csv_path), m.rel(tsv_path)

    # CP950 member names, no UTF-8 flag (as Windows in Taiwan writes them)
    z = RawZip(rng)
    z.add("2024/".encode("cp950"), b"", deflate=False, mode=0o40755)
    z.add("2024/申請書.docx".encode("cp950"), docx_tc.read_bytes())
    z.add("2024/名單.csv".encode("cp950"), csv_bytes)
    p = write(d / "forms.zip", z.bytes())
    rel = m.file(p, "zip", "member names in CP950 (Big5) without the UTF-8 flag")
    m.copy_into(tc_rel, rel, "2024/申請書.docx")
    m.copy_into(csv_rel, rel, "2024/名單.csv")

    inner = zip_bytes([("名單.csv", csv_bytes)])
    p = write(d / "nested.zip", zip_bytes([("readme.txt", "內含下一層壓縮檔。\n".encode()), ("inner.zip", inner)]))
    rel = m.file(p, "zip", "a zip inside a zip (UTF-8 names)")
    m.copy_into(csv_rel, rel, "inner.zip!名單.csv")

    members = [("forms/申请表.docx", docx_sc.read_bytes()), ("forms/名單.csv", csv_bytes)]
    for name, gz in [("bundle.tar", False), ("bundle.tar.gz", True)]:
        p = write(d / name, tar_bytes(members, gz))
        rel = m.file(p, "tar.gz" if gz else "tar", "PAX tar, UTF-8 names")
        m.copy_into(sc_rel, rel, "forms/申请表.docx")
        m.copy_into(csv_rel, rel, "forms/名單.csv")

    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=FIXED_TS) as g:
        g.write(csv_bytes)
    p = write(d / "名單.csv.gz", buf.getvalue())
    rel = m.file(p, "gz", "gzip of a CSV (no name in the gzip header)")
    m.copy_into(csv_rel, rel, "名單.csv")

    import py7zr
    stage = outdir / ".tmp" / "7z"
    (stage / "資料").mkdir(parents=True, exist_ok=True)
    for name, data in [("資料/申請書.docx", docx_tc.read_bytes()), ("資料/名單.tsv", tsv_bytes)]:
        write(stage / name, data)
    os.utime(stage / "資料", (FIXED_TS, FIXED_TS))
    p = d / "bundle.7z"
    with py7zr.SevenZipFile(p, "w") as a:
        a.write(stage / "資料", "資料")
        a.write(stage / "資料/申請書.docx", "資料/申請書.docx")
        a.write(stage / "資料/名單.tsv", "資料/名單.tsv")
    rel = m.file(p, "7z")
    m.copy_into(tc_rel, rel, "資料/申請書.docx")
    m.copy_into(tsv_rel, rel, "資料/名單.tsv")


# --------------------------------------------------------------------------------------
# Scanned images (scripts/corpus/render_forms.py, written separately)
# --------------------------------------------------------------------------------------

def _collect_scan_entries(node, inherited: dict, out: list[dict]) -> None:
    """Accepts the render_forms manifest in any reasonable shape: every object with kind
    and value is a planted value; its file is its own file/path/image key or the nearest
    enclosing one; its place is frame/page/location."""
    if isinstance(node, list):
        for x in node:
            _collect_scan_entries(x, inherited, out)
        return
    if not isinstance(node, dict):
        return
    ctx = dict(inherited)
    for k in ("file", "path", "image", "name"):
        if isinstance(node.get(k), str) and "." in node[k]:
            ctx["file"] = node[k]
            break
    for k in ("frame", "page"):
        if isinstance(node.get(k), int):
            ctx[k] = node[k]
    if isinstance(node.get("location"), dict):
        ctx.update({k: v for k, v in node["location"].items() if k in ("frame", "page")})
    if isinstance(node.get("kind"), str) and isinstance(node.get("value"), str):
        if "file" in ctx:
            loc = {"frame": ctx.get("frame", ctx.get("page", 1))}
            out.append({"file": ctx["file"], "kind": node["kind"], "value": node["value"], "location": loc})
        return
    for k, v in node.items():
        if isinstance(v, (dict, list)):
            sub = dict(ctx)
            if isinstance(v, list) and "." in k and "file" not in node:
                sub["file"] = k
            if isinstance(v, dict) and "." in k:
                sub["file"] = k
            _collect_scan_entries(v, sub, out)


def make_scans(outdir: Path, m: Manifest) -> list[dict]:
    script = CORPUS_DIR / "render_forms.py"
    if not script.exists():
        m.skip("scans/ and pdf/掃描_影像.pdf", "scripts/corpus/render_forms.py does not exist yet")
        return []
    scans = outdir / "scans"
    r = subprocess.run([sys.executable, str(script), str(scans)], capture_output=True, text=True)
    if r.returncode != 0:
        m.skip("scans/", f"render_forms.py failed (exit {r.returncode}): {r.stderr.strip()[-400:]}")
        return []
    mf = scans / "manifest.json"
    if not mf.exists():
        m.skip("scans/", "render_forms.py wrote no manifest.json")
        return []
    raw: list[dict] = []
    _collect_scan_entries(json.loads(mf.read_text(encoding="utf-8")), {}, raw)
    entries = []
    for e in raw:
        f = Path(e["file"])
        cand = [scans / f, outdir / f, scans / f.name]
        path = next((c for c in cand if c.exists()), None)
        if path is None:
            m.notes.append(f"render_forms manifest names {e['file']}, which does not exist")
            continue
        e["file"] = m.rel(path)
        entries.append(e)
    for rel in sorted({e["file"] for e in entries}):
        m.file(outdir / rel, Path(rel).suffix.lstrip(".").lower(), "rendered by scripts/corpus/render_forms.py")
    for e in entries:
        loc = e["location"]
        if not rel_is_multiframe(outdir / e["file"]):
            loc = {"frame": 1}
        m.plant(e["file"], e["kind"], e["value"], loc)
    return entries


def rel_is_multiframe(path: Path) -> bool:
    try:
        from PIL import Image
        with Image.open(path) as im:
            return getattr(im, "n_frames", 1) > 1
    except Exception:
        return False


# --------------------------------------------------------------------------------------
# Clean controls: ordinary office content, no personal data
# --------------------------------------------------------------------------------------

def company_ubn(rng: random.Random) -> str:
    while True:
        v = f"{rng.randint(10000000, 99999999)}"
        if ubn_valid(v):
            return v


def make_clean(outdir: Path, m: Manifest, rng: random.Random, font: str | None) -> None:
    import docx
    import openpyxl
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P as TP
    from pptx import Presentation

    d = outdir / "clean"
    d.mkdir(parents=True, exist_ok=True)
    ubn = company_ubn(rng)
    lines = [
        "第二季營運報告",
        "本季營業收入新臺幣 12,480,000 元，較上季成長 8.5%，毛利率 31.2%。",
        "訂單編號 SO-2024-10458 至 SO-2024-11020 已全數出貨，退貨率 1.2%。",
        "下次部門會議日期：2024-07-15（星期一）上午十時，地點：第三會議室。",
        "客服專線：0800-051-888（週一至週五 09:00-18:00）。",
        f"公司統一編號：{ubn}",
        "庫存盤點：甲倉 3,420 件，乙倉 1,875 件，差異 0.3%。",
        "採購單 PO-88217 金額 NT$ 356,400，預計 2024-08-02 交貨。",
    ]
    note = f"no personal data: amounts, order numbers, meeting dates, hotline 0800-051-888, company tax number {ubn}"

    def clean(path: Path, fmt: str, extra: str = "") -> None:
        m.clean.append({"file": m.rel(path), "format": fmt, "note": note + (f"; {extra}" if extra else "")})

    doc = docx.Document()
    _docx_props(doc, "第二季營運報告")
    doc.sections[0].header.paragraphs[0].text = "內部文件　請勿外流"
    doc.add_heading(lines[0], level=1)
    for l in lines[1:]:
        doc.add_paragraph(l)
    t = doc.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for i, h in enumerate(["月份", "營收（元）", "訂單數"]):
        t.rows[0].cells[i].text = h
    for mo, rev, n in [("四月", "3,980,000", "412"), ("五月", "4,150,000", "436"), ("六月", "4,350,000", "451")]:
        cells = t.add_row().cells
        for i, v in enumerate([mo, rev, n]):
            cells[i].text = v
    p = d / "營運報告.docx"
    doc.save(str(p))
    normalize_zip(p)
    clean(p, "docx")

    wb = openpyxl.Workbook()
    wb.properties.creator = "gezi corpus"
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "銷售統計"
    ws.append(["訂單編號", "日期", "品項代碼", "數量", "單價", "金額"])
    for i in range(60):
        qty, price = rng.randint(1, 200), rng.choice([120, 250, 399, 1280, 4500])
        ws.append([f"SO-2024-{10458 + i * 7}", dt.date(2024, 4, 1) + dt.timedelta(days=i), f"P-{3000 + i % 17}",
                   qty, price, qty * price])
        ws.cell(i + 2, 2).number_format = "yyyy-mm-dd"
    p = d / "銷售統計.xlsx"
    wb.save(str(p))
    normalize_zip(p)
    clean(p, "xlsx")

    prs = Presentation()
    prs.core_properties.author = "gezi corpus"
    prs.core_properties.created = prs.core_properties.modified = FIXED
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = lines[0]
    s.placeholders[1].text = "\n".join(lines[1:4])
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "下季目標"
    s.placeholders[1].text = "營收目標 13,500,000 元\n新品上市 3 項\n" + lines[4]
    s.notes_slide.notes_text_frame.text = "簡報時間 15 分鐘，問答 5 分鐘。"
    p = d / "季報簡報.pptx"
    prs.save(str(p))
    normalize_zip(p)
    clean(p, "pptx")

    od = OpenDocumentText()
    od.text.addElement(H(outlinelevel=1, text=lines[0]))
    for l in lines[1:]:
        od.text.addElement(TP(text=l))
    p = d / "營運報告.odt"
    od.save(str(p))
    normalize_zip(p)
    clean(p, "odt")

    p = d / "營運報告.pdf"
    cv = new_canvas(p)
    pdf_form(cv, font or "MSung-Light", lines[0], lines[1:])
    cv.showPage()
    cv.save()
    clean(p, "pdf")

    body = "\r\n".join(["各位同仁好：", "", *lines[1:5], "", "財務部"]) + "\r\n"
    msg = MIMEText(body, "plain", "utf-8")
    msg["Subject"] = Header("第二季營運報告摘要", "utf-8")
    msg["Date"] = "Mon, 01 Jul 2024 09:00:00 +0800"
    msg["MIME-Version"] = "1.0"
    p = write(d / "營運摘要.eml", msg.as_bytes())
    clean(p, "eml", "no From/To/Message-ID headers, so that no e-mail address appears")

    rows = [["訂單編號", "日期", "金額", "狀態"]] + [
        [f"SO-2024-{10458 + i * 7}", (dt.date(2024, 4, 1) + dt.timedelta(days=i)).isoformat(), str(rng.randint(1000, 90000)),
         rng.choice(["已出貨", "處理中", "已取消"])] for i in range(40)]
    csv_b = "\r\n".join(",".join(r) for r in rows).encode() + b"\r\n"
    p = write(d / "訂單.csv", csv_b)
    clean(p, "csv")
    p = write(d / "報表.zip", zip_bytes([("訂單.csv", csv_b), ("說明.txt", ("\n".join(lines) + "\n").encode())]))
    clean(p, "zip")
    html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>價目表</title></head><body>\n<h1>價目表</h1>\n"
            "<table border=\"1\"><tr><th>品項代碼</th><th>單價</th><th>庫存</th></tr>\n"
            + "".join(f"<tr><td>P-{3000 + i}</td><td>{rng.choice([120, 250, 399, 1280])}</td><td>{rng.randint(0, 900)}</td></tr>\n" for i in range(15))
            + f"</table>\n<p>{lines[4]}</p>\n<p>{lines[5]}</p>\n</body></html>\n")
    p = write(d / "價目表.html", html)
    clean(p, "html")


# --------------------------------------------------------------------------------------
# Hostile files
# --------------------------------------------------------------------------------------

def hostile(m: Manifest, path: Path | str, kind: str, reasons: list[str], note: str, **extra) -> None:
    e = {"file": m.rel(path) if isinstance(path, Path) else path, "expect": {"kind": kind, "reason_any": reasons}, "note": note}
    e["expect"].update(extra)
    m.hostile.append(e)


def make_hostile(outdir: Path, m: Manifest, P: People, rng: random.Random, docx_tc: Path, enc_pdf: dict) -> None:
    import msoffcrypto
    import py7zr
    import pyzipper

    d = outdir / "hostile"
    d.mkdir(parents=True, exist_ok=True)

    # zip bomb: 1 GiB of zeros, deflated while streaming
    p = d / "zipbomb_1GiB.zip"
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        zi = zipfile.ZipInfo("zeros.bin", ZIP_DT)
        zi.compress_type = zipfile.ZIP_DEFLATED
        with z.open(zi, "w", force_zip64=True) as f:
            for _ in range(1024):
                f.write(chunk)
    hostile(m, p, "limit", ["bomb", "expan", "ratio"], "one member: 1 GiB of zeros, deflated (ratio ~1000:1)")

    # nested zip bomb: 12 levels, 4 copies of the level below at each level
    data = zip_bytes([("zeros.bin", bytes(10 << 20))])
    for level in range(1, 13):
        data = zip_bytes([(f"level{level}_{i}.zip", data) for i in range(4)])
    p = write(d / "nested_12_deep.zip", data)
    hostile(m, p, "limit", ["nested", "deep", "depth", "bomb"], "zips nested 12 deep, 4 copies a level; innermost 10 MiB of zeros")

    # billion laughs
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    dtd = "<!DOCTYPE {root} [\n  " + "\n  ".join(ents) + "\n]>\n"
    xml = '<?xml version="1.0"?>\n' + dtd.format(root="lolz") + "<lolz>&lol9;</lolz>\n"
    p = write(d / "billion_laughs.xml", xml)
    hostile(m, p, "limit", ["entit", "expan", "bomb", "DTD", "DOCTYPE"], "XML entity expansion (10^9 'lol')", kind_any=["limit", "error"])
    with zipfile.ZipFile(docx_tc) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    bomb_doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + dtd.format(root="w:document")
                + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                  '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    parts = [(n, bomb_doc.encode() if n == "word/document.xml" else b) for n, b in parts]
    p = write(d / "billion_laughs.docx", zip_bytes(parts))
    hostile(m, p, "limit", ["entit", "expan", "bomb", "DTD", "DOCTYPE"], "docx whose word/document.xml is an entity bomb",
            kind_any=["limit", "error"])

    # path traversal and links
    z = RawZip(rng)
    z.add(b"../../evil.txt", "這個檔案不該被寫到掃描目錄之外。\n".encode())
    z.add(b"/tmp/gezi-evil-abs.txt", b"absolute path member\n")
    z.add(b"link-to-passwd", b"/etc/passwd", deflate=False, mode=0o120777)
    z.add("正常/說明.txt".encode(), "一般說明文件。\n".encode(), utf8=True)
    p = write(d / "traversal.zip", z.bytes())
    must_not = ["../../evil.txt (against the archive's folder or the working directory)", "/tmp/gezi-evil-abs.txt"]
    hostile(m, p, "read", [], "members ../../evil.txt, /tmp/gezi-evil-abs.txt and a symlink entry to /etc/passwd: "
            "read in memory or skipped, never written, never followed", must_not_exist=must_not)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, body in [("../../evil.txt", b"outside\n"), ("/tmp/gezi-evil-abs.txt", b"absolute\n"), ("ok/readme.txt", b"fine\n")]:
            t.addfile(_tarinfo(name, len(body)), io.BytesIO(body))
        t.addfile(_tarinfo("ok/passwd", kind=tarfile.SYMTYPE, link="/etc/passwd"))
        t.addfile(_tarinfo("ok/up", kind=tarfile.SYMTYPE, link="../../../../etc"))
        t.addfile(_tarinfo("ok/hard", kind=tarfile.LNKTYPE, link="/etc/shadow"))
    p = write(d / "traversal.tar", buf.getvalue())
    hostile(m, p, "read", [], "tar with ../../evil.txt, an absolute member, symlinks to /etc/passwd and ../../../../etc, "
            "a hard link to /etc/shadow: links are not followed", must_not_exist=must_not)

    # encrypted containers; the values inside must NOT be reported
    secret = P.tw()
    secret_csv = f"姓名,身分證字號,手機\r\n{secret['name']},{secret['id']},{secret['mobile']}\r\n".encode()
    hidden = [secret["name"], secret["id"], secret["mobile"]]
    p = d / "encrypted_aes.zip"
    with pyzipper.AESZipFile(p, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as z:
        z.setpassword(b"gezi-secret")
        from pyzipper.zipfile_aes import AESZipInfo
        zi = AESZipInfo("名單.csv", ZIP_DT)
        zi.compress_type = pyzipper.ZIP_DEFLATED
        z.writestr(zi, secret_csv)
    hostile(m, p, "encrypted", ["encrypt", "password"], "WinZip AES-256 member (password gezi-secret)", hidden_values=hidden)
    z = RawZip(rng)
    z.add("名單.csv".encode(), secret_csv, utf8=True, password=b"gezi-secret")
    p = write(d / "encrypted_zipcrypto.zip", z.bytes())
    hostile(m, p, "encrypted", ["encrypt", "password"], "classic PKWARE ZipCrypto member (password gezi-secret)", hidden_values=hidden)
    from msoffcrypto.format.ooxml import OOXMLFile
    for src, name in [(docx_tc, "password_protected.docx"), (outdir / "sheets" / "員工名冊.xlsx", "password_protected.xlsx")]:
        out = io.BytesIO()
        with open(src, "rb") as f:
            OOXMLFile(f).encrypt("gezi-secret", out)
        p = write(d / name, out.getvalue())
        hostile(m, p, "encrypted", ["encrypt", "password"], f"ECMA-376 agile encryption of {m.rel(src)} (CFB container)",
                hidden_values=[e["value"] for e in m.planted_in(m.rel(src))][:5])
    p = d / "encrypted.7z"
    staged = write(outdir / ".tmp" / "secret" / "名單.csv", secret_csv)
    with py7zr.SevenZipFile(p, "w", password="gezi-secret") as a:
        a.write(staged, "名單.csv")
    hostile(m, p, "encrypted", ["encrypt", "password"], "7z with AES-256 (password gezi-secret)", hidden_values=hidden)
    hostile(m, enc_pdf["encrypted"], "encrypted", ["encrypt", "password"], "PDF with a user password (gezi-open)",
            hidden_values=enc_pdf["encrypted_values"])

    # broken files
    data = docx_tc.read_bytes()
    p = write(d / "truncated.docx", data[: len(data) * 6 // 10])
    hostile(m, p, "error", ["corrupt", "truncat", "zip", "cannot read", "end of central directory", "invalid"],
            "the first 60% of a real docx")
    p = write(d / "random_bytes.pdf", bytes(rng.randrange(256) for _ in range(64 << 10)))
    hostile(m, p, "error", ["pdf", "corrupt", "cannot read", "not a", "invalid"], "64 KiB of random bytes named .pdf",
            kind_any=["error", "not_read"])

    # odd file names (read normally; the name must be shown escaped)
    names = d / "names"
    names.mkdir(exist_ok=True)
    for fname, note in [("申請人\n名單.txt", "newline in the name"), ("invoice\u202eTXT.exe", "U+202E RIGHT-TO-LEFT OVERRIDE in the name")]:
        q = P.tw()
        p = write(names / fname, f"姓名：{q['name']}\n身分證字號：{q['id']}\n")
        rel = m.file(p, "txt", note)
        m.plant(rel, "PERSON_NAME", q["name"], {"line": 1})
        m.plant(rel, "TW_NATIONAL_ID", q["id"], {"line": 2})
        hostile(m, p, "read", [], note + ": read as text, name shown escaped in reports")
    q = P.tw()
    raw = os.fsencode(str(names)) + b"/latin1-\xff\xfe-name.txt"
    with open(raw, "wb") as f:
        f.write(f"姓名：{q['name']}\n身分證字號：{q['id']}\n".encode())
    os.utime(raw, (FIXED_TS, FIXED_TS))
    m.hostile.append({"file": "hostile/names/latin1-\\xff\\xfe-name.txt", "file_bytes_hex": (b"hostile/names/latin1-\xff\xfe-name.txt").hex(),
                      "expect": {"kind": "read", "reason_any": [], "values": [["PERSON_NAME", q["name"]], ["TW_NATIONAL_ID", q["id"]]]},
                      "note": "file name with bytes 0xFF 0xFE, not UTF-8 (use file_bytes_hex); values on lines 1 and 2"})


# --------------------------------------------------------------------------------------
# --big: files for manual memory measurements
# --------------------------------------------------------------------------------------

def make_big(outdir: Path, m: Manifest, P: People, target: int) -> list[dict]:
    d = outdir / "big"
    d.mkdir(parents=True, exist_ok=True)
    first, last = P.tw(), P.tw()
    big = []
    rng = random.Random(SEED + 7)
    fillers = [f"SO-{rng.randint(10**7, 10**8 - 1)}" for _ in range(997)]
    amounts = [str(rng.randint(100000, 999999)) for _ in range(991)]  # fixed width: see row_xml
    pool = "本季訂單已出貨請於月底前完成對帳並回覆確認金額如有差異請洽財務部門辦理更正手續謝謝"
    notes = ["".join(rng.choice(pool) for _ in range(36)) for _ in range(983)]  # 108 UTF-8 bytes each

    # xlsx: sheet XML written by hand, streamed into the zip
    p = d / "big.xlsx"
    t0 = time.time()
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        def put(name, text):
            zi = zipfile.ZipInfo(name, ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text)
        put("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>')
        put("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
        put("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="名冊" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>')
        zi = zipfile.ZipInfo("xl/worksheets/sheet1.xml", ZIP_DT)
        zi.compress_type = zipfile.ZIP_DEFLATED

        def is_(ref, s):
            return f'<c r="{ref}" t="inlineStr"><is><t>{s}</t></is></c>'

        def row_xml(r, who=None):
            cells = (is_(f"B{r}", who["name"]) + is_(f"C{r}", who["id"]) + is_(f"D{r}", who["mobile"])) if who else ""
            return (f'<row r="{r}"><c r="A{r}"><v>{r}</v></c>{cells}{is_(f"E{r}", fillers[r % 997])}'
                    f'<c r="F{r}"><v>{amounts[r % 991]}</v></c>{is_(f"G{r}", notes[r % 983])}</row>')

        head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        hdr = '<row r="1">' + "".join(is_(f"{col_letter(i)}1", h) for i, h in
                                      enumerate(["員工編號", "姓名", "身分證字號", "手機", "訂單", "金額", "備註"])) + "</row>"
        # Count the rows first (all plain rows have the same size in bytes but for the
        # row number, written 6 times), so that <dimension> comes before <sheetData>:
        # without it openpyxl's read-only mode reads the whole sheet to size it.
        size = lambda x: len(x.encode())
        fixed = size(row_xml(10)) - 6 * 2
        assert all(size(row_xml(r)) == fixed + 6 * len(str(r)) for r in (10, 12345, 9876543))
        written = size(head) + 60 + size(hdr) + size(row_xml(2, first))
        r = 3
        while written < target:
            written += fixed + 6 * len(str(r))
            r += 1
        r_last = r
        with z.open(zi, "w", force_zip64=True) as f:
            f.write((head + f'<dimension ref="A1:G{r_last}"/><sheetData>' + hdr + row_xml(2, first)).encode())
            batch = []
            for r in range(3, r_last):
                batch.append(row_xml(r))
                if len(batch) >= 5000:
                    f.write("".join(batch).encode())
                    batch = []
            batch.append(f'<row r="{r_last}"><c r="A{r_last}"><v>{r_last}</v></c>{is_(f"B{r_last}", last["name"])}'
                         f'{is_(f"C{r_last}", last["id"])}{is_(f"D{r_last}", last["mobile"])}</row>')
            batch.append("</sheetData></worksheet>")
            f.write("".join(batch).encode())
    with zipfile.ZipFile(p) as z:
        written = z.getinfo("xl/worksheets/sheet1.xml").file_size
    rel = m.rel(p)
    big.append({"file": rel, "format": "xlsx", "bytes": p.stat().st_size, "sheet_xml_bytes": written,
                "rows": r_last, "seconds": round(time.time() - t0, 1),
                "planted": [{"kind": k, "value": v, "location": {"sheet": "名冊", "cell": c}} for k, v, c in
                            [("PERSON_NAME", first["name"], "B2"), ("TW_NATIONAL_ID", first["id"], "C2"), ("PHONE", first["mobile"], "D2"),
                             ("PERSON_NAME", last["name"], f"B{r_last}"), ("TW_NATIONAL_ID", last["id"], f"C{r_last}"),
                             ("PHONE", last["mobile"], f"D{r_last}")]]})
    import openpyxl
    wb = openpyxl.load_workbook(p, read_only=True)
    got = [tuple(row) for row in wb["名冊"].iter_rows(min_row=1, max_row=3, values_only=True)]
    wb.close()
    assert got[1][1] == first["name"] and got[1][2] == first["id"], got
    print(f"  big.xlsx: {p.stat().st_size / 2**20:.0f} MiB on disk, {written / 2**30:.2f} GiB of sheet XML, {r_last} rows; "
          f"openpyxl read-only reads row 2: {got[1][:3]}")

    # CSV
    p = d / "big.csv"
    t0 = time.time()
    with open(p, "w", encoding="utf-8", newline="") as f:
        f.write("訂單編號,姓名,身分證字號,手機,金額\r\n")
        f.write(f"{fillers[0]},{first['name']},{first['id']},{first['mobile']},{amounts[0]}\r\n")
        written, n, batch = 0, 3, []
        while written < target:
            line = f"{fillers[n % 997]},,,,{amounts[n % 991]}\r\n"
            batch.append(line)
            written += len(line)
            n += 1
            if len(batch) >= 20000:
                f.write("".join(batch))
                batch = []
        f.write("".join(batch))
        f.write(f"{fillers[1]},{last['name']},{last['id']},{last['mobile']},{amounts[1]}\r\n")
    big.append({"file": m.rel(p), "format": "csv", "bytes": p.stat().st_size, "lines": n, "seconds": round(time.time() - t0, 1),
                "planted": [{"kind": k, "value": v, "location": {"line": ln}} for k, v, ln in
                            [("PERSON_NAME", first["name"], 2), ("TW_NATIONAL_ID", first["id"], 2),
                             ("PERSON_NAME", last["name"], n), ("TW_NATIONAL_ID", last["id"], n)]]})
    print(f"  big.csv: {p.stat().st_size / 2**30:.2f} GiB, {n} lines")
    return big


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--big", action="store_true", help="also write OUTDIR/big/ (~2 GB xlsx sheet XML and ~2 GB CSV)")
    ap.add_argument("--big-bytes", type=int, default=2_000_000_000,
                    help="bytes of the big sheet XML and of the big CSV (default 2e9: under gezi's 2 GiB expansion "
                         "limit, and the sheet's rows x 7 columns under its 50 M cell limit)")
    args = ap.parse_args()
    out = Path(args.outdir).resolve()
    if out.exists() and any(out.iterdir()):
        if not (out / "manifest.json").exists() and not (out / ".gezi-corpus").exists():
            print(f"{out} is not empty and was not made by this script: refusing to overwrite", file=sys.stderr)
            return 2
        # only what this script makes
        for child in out.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / ".gezi-corpus").write_text("made by scripts/make_corpus.py\n")
    t_start = time.time()
    self_test_algorithms()
    P = People(SEED)
    rng = random.Random(SEED + 1)
    m = Manifest(out)
    tmp = out / ".tmp"
    tmp.mkdir()

    with SeededRandomness(SEED + 2):
        print("office documents")
        specs = docx_specs(P)
        docx_tc = out / "docx" / "申請書_繁體.docx"
        docx_sc = out / "docx" / "申请表_简体.docx"
        docx_en = out / "docx" / "application_en.docx"
        for path, key in [(docx_tc, "tc"), (docx_sc, "sc"), (docx_en, "en")]:
            make_docx(path, m, specs[key])
            m.file(path, "docx", "paragraphs, header, footer, a table with a header row")
        rows = roster(P, 120, rng)
        make_xlsx(out / "sheets" / "員工名冊.xlsx", m, rows)
        m.file(out / "sheets" / "員工名冊.xlsx", "xlsx", "sheet 名冊: 120 records, 員工編號 and 月薪 numeric (not personal), dates typed, phones as text; sheet 統計")
        make_xlsx(out / "sheets" / "員工名冊.xlsm", m, rows[:40], macro=True)
        m.file(out / "sheets" / "員工名冊.xlsm", "xlsm", "macro-enabled content type, no vbaProject.bin")
        make_xls(out / "sheets" / "員工名冊.xls", m, roster(P, 40, rng))
        m.file(out / "sheets" / "員工名冊.xls", "xls", "BIFF8 (xlwt)")
        make_ods(out / "sheets" / "員工名冊.ods", m, roster(P, 30, rng))
        m.file(out / "sheets" / "員工名冊.ods", "ods")
        make_odt(out / "docx" / "志工報名表.odt", m, P)
        m.file(out / "docx" / "志工報名表.odt", "odt", "header and footer in the master page")
        make_odp(out / "slides" / "志工表揚.odp", m, P)
        m.file(out / "slides" / "志工表揚.odp", "odp", "3 slides, notes on slide 2")
        make_pptx(out / "slides" / "客服季報.pptx", m, P)
        m.file(out / "slides" / "客服季報.pptx", "pptx", "3 slides, speaker notes on slide 2, a table on slide 3")
        make_rtfs(out, m, P)

        print("PDF")
        pdfinfo = make_pdfs(out, m, P, tmp)

        print("text formats")
        made = make_text_files(out, m, P)
        csv_path, csv_rows = made["名單_utf8.csv"]

        print("mail")
        make_mail(out, m, P, docx_tc, csv_path.read_bytes(), csv_rows)

        print("archives")
        make_archives(out, m, docx_tc, docx_sc, csv_path, csv_rows, out / "text" / "list.tsv", rng)

        print("scans")
        scan_entries = make_scans(out, m)
        if scan_entries:
            make_scanned_pdf(out, m, scan_entries)
        else:
            m.skip("pdf/掃描_影像.pdf", "no rendered form images")

        print("clean controls")
        make_clean(out, m, rng, pdfinfo["font"])

        print("hostile files")
        make_hostile(out, m, P, rng, docx_tc, pdfinfo)

    big = []
    if args.big:
        print("big files")
        big = make_big(out, m, P, args.big_bytes)
    shutil.rmtree(tmp)
    if big:
        m.notes.append("big/: see the 'big' key")
    m.write()
    if big:
        doc = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        doc["big"] = big
        (out / "manifest.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file() and "big" not in f.relative_to(out).parts)
    print(f"done in {time.time() - t_start:.1f} s: {len(m.files)} files with {len(m.planted)} planted values, "
          f"{len(m.clean)} clean, {len(m.hostile)} hostile; {size / 2**20:.1f} MiB (without big/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
