#!/usr/bin/env python3
"""Renders A4 forms with planted personal data as scanned images, for OCR tests.

    python3 scripts/corpus/render_forms.py OUTDIR

Writes into OUTDIR (created if needed) PNG, JPEG and BMP pages and a 2-frame TIFF, and
OUTDIR/manifest.json. The output is the same on every run (fixed seed). Traditional,
Simplified and English (Hong Kong bilingual) labels; valid Taiwan IDs, HKIDs and
mainland IDs (check digits per shared/domain/identifiers.md), mobile phones, e-mails,
names, addresses, dates of birth.

Qualities:
  clean     300 dpi, PNG
  degraded  150 dpi, slight blur, about 2 degrees of rotation, noise, JPEG quality 40
  harsh     150 dpi, 9 pt type, uneven light, noise, JPEG quality 30
  (the BMP is a clean 150 dpi page; the TIFF has two bilevel 200 dpi Group 4 frames;
  tw_vertical_clean.png has vertical text, columns right to left)

manifest.json:
  {"generator": ..., "seed": ..., "images": [
     {"file": "tw_sans_clean.png", "quality": "clean", "script": "traditional",
      "dpi": 300, "frames": 1,
      "values": [{"kind": "TW_NATIONAL_ID", "value": "A123456789", "frame": 1,
                  "label": "身分證字號"}, ...],
      "lines": [[frame, "姓名： 陳美玲 性別： 女"], ...]}]}
"lines" is the text of each page in reading order (for character accuracy); "label" is
the text printed before the value on the same line.

Needs Pillow (pillow==13.0.0) and Debian's fonts-noto-cjk.
"""

import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SEED = 20261203
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
SANS = FONT_DIR / "NotoSansCJK-Regular.ttc"
SERIF = FONT_DIR / "NotoSerifCJK-Regular.ttc"
A4_MM = (210, 297)

# ---------------------------------------------------------------------------------------
# Identifiers (shared/domain/identifiers.md)
# ---------------------------------------------------------------------------------------

TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # values 10..35 in this order


def tw_id(rng: random.Random, sex: int) -> str:
    letter = rng.choice("ABCDEFHK")
    n = TW_LETTERS.index(letter) + 10
    digits = [sex] + [rng.randrange(10) for _ in range(7)]
    s = n // 10 + (n % 10) * 9 + sum(d * w for d, w in zip(digits, [8, 7, 6, 5, 4, 3, 2, 1]))
    check = (10 - s % 10) % 10
    return letter + "".join(map(str, digits)) + str(check)


def tw_id_valid(v: str) -> bool:
    n = TW_LETTERS.index(v[0]) + 10
    d = [int(c) for c in v[1:]]
    s = n // 10 + (n % 10) * 9 + sum(x * w for x, w in zip(d, [8, 7, 6, 5, 4, 3, 2, 1, 1]))
    return s % 10 == 0


def hk_check(letter: str, digits: str) -> str:
    s = 36 * 9 + (ord(letter) - ord("A") + 10) * 8 + sum(int(d) * w for d, w in zip(digits, range(7, 1, -1)))
    c = (11 - s % 11) % 11
    return "A" if c == 10 else str(c)


def hkid(rng: random.Random) -> str:
    letter = rng.choice("ACDEGHKPRVYZ")
    digits = "".join(str(rng.randrange(10)) for _ in range(6))
    return f"{letter}{digits}({hk_check(letter, digits)})"


def cn_check(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body, weights))
    c = (12 - s % 11) % 11
    return "X" if c == 10 else str(c)


def cn_id(rng: random.Random, area: str, birth: str, sex: int) -> str:
    seq = rng.randrange(10, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == 1 else rng.choice([0, 2, 4, 6, 8]))
    body = f"{area}{birth}{seq:03d}"
    return body + cn_check(body)


# The worked examples of identifiers.md.
assert tw_id_valid("A123456789") and not tw_id_valid("A123456788") and tw_id_valid("F131104093")
assert hk_check("A", "123456") == "3" and hk_check("G", "123456") == "A"
assert cn_check("11010519491231002") == "X" and cn_check("36042619910101007") == "1"

# ---------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------

TW_NAMES = ["陳美玲", "林志明", "黃淑芬", "張家豪", "李怡君", "王建宏", "吳佩珊", "劉冠廷",
            "蔡宗翰", "楊雅婷", "許文彬", "鄭惠如", "謝明哲", "郭淑貞", "洪俊傑", "曾玉蘭"]
CN_NAMES = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵丽娟", "黄晓明",
            "周国华", "吴婷婷", "徐志强", "孙丽", "马俊杰", "朱红梅"]
HK_PEOPLE = [("陳大文", "CHAN Tai Man"), ("李嘉欣", "LEE Ka Yan"), ("黃小明", "WONG Siu Ming"),
             ("張偉強", "CHEUNG Wai Keung"), ("何家慧", "HO Ka Wai"), ("梁志豪", "LEUNG Chi Ho")]
TW_ADDR = ["臺北市大安區忠孝東路四段123號5樓", "新北市板橋區文化路一段58巷7號3樓",
           "臺中市西屯區臺灣大道三段99號12樓之2", "高雄市苓雅區四維三路6號8樓",
           "桃園市中壢區中大路300號", "臺南市東區大學路1號"]
CN_ADDR = ["广东省深圳市南山区科技园路88号3栋1201室", "北京市朝阳区建国路93号院6号楼",
           "上海市浦东新区世纪大道100号15楼", "浙江省杭州市西湖区文三路478号"]
CN_AREAS = ["110105", "440305", "310115", "330106", "420106"]
HK_ADDR = ["香港九龍旺角彌敦道688號8樓B室", "香港新界沙田大圍積信街12號3樓",
           "香港港島灣仔軒尼詩道302號15樓A室"]
EN_ADDR = ["Flat 12B, 8/F, Block 3, Harbour View Garden, 18 Tai Po Road, Kowloon",
           "Room 1503, Tower 2, Metro Centre, 32 Lam Hing Street, Kowloon Bay"]
MAIL_USERS = ["meiling.chen", "zhiming.lin", "shufen", "jiahao.chang", "wang.jg", "lixiuying",
              "taiman.chan", "kayan.lee", "siuming", "yating.yang", "liu.yang88", "howai"]
MAIL_DOMAINS = ["example.com.tw", "mail.example.cn", "example.com.hk", "example.org"]


def tw_mobile(rng):
    return f"09{rng.randrange(10, 99)}-{rng.randrange(100, 999)}-{rng.randrange(100, 999)}"


def cn_mobile(rng):
    return f"1{rng.choice('3589')}{rng.randrange(10)}{rng.randrange(10**7, 10**8)}"


def hk_mobile(rng):
    return f"{rng.choice('569')}{rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"


def email(rng, used):
    while True:
        e = f"{rng.choice(MAIL_USERS)}{rng.randrange(10, 99)}@{rng.choice(MAIL_DOMAINS)}"
        if e not in used:
            used.add(e)
            return e


# ---------------------------------------------------------------------------------------
# Forms: rows of (label, value, kind) cells; kind None for text that is not planted
# ---------------------------------------------------------------------------------------

def pick(rng, pool, used):
    free = [p for p in pool if p not in used]
    v = rng.choice(free or pool)
    used.add(v)
    return v


def form_tw(rng, used):
    sex = rng.choice([1, 2])
    name = pick(rng, TW_NAMES, used)
    contact = pick(rng, TW_NAMES, used)
    y, m, d = rng.randrange(60, 90), rng.randrange(1, 13), rng.randrange(1, 29)
    return {
        "title": "個人資料蒐集同意書暨申請表",
        "colon": "：",
        "rows": [
            [("申請編號", f"TW-113-{rng.randrange(10000, 99999)}", None)],
            [("姓名", name, "PERSON_NAME"), ("性別", "男" if sex == 1 else "女", None)],
            [("身分證字號", tw_id(rng, sex), "TW_NATIONAL_ID"), ("出生日期", f"民國{y}年{m}月{d}日", "DATE_OF_BIRTH")],
            [("行動電話", tw_mobile(rng), "PHONE")],
            [("電子郵件", email(rng, used), "EMAIL")],
            [("通訊地址", pick(rng, TW_ADDR, used), "ADDRESS")],
            [("緊急聯絡人", contact, "PERSON_NAME"), ("電話", tw_mobile(rng), "PHONE")],
        ],
        "text": [
            "本人已詳閱並同意本機關依個人資料保護法規定，蒐集、處理及利用本人之個人資料，"
            "僅作為本次申請案件審核及聯繫之用。",
            "申請人簽名：＿＿＿＿＿＿　　日期：113年5月6日",
        ],
    }


def form_cn(rng, used):
    sex = rng.choice([1, 2])
    name = pick(rng, CN_NAMES, used)
    contact = pick(rng, CN_NAMES, used)
    birth = f"{rng.randrange(1960, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    return {
        "title": "个人信息登记表",
        "colon": "：",
        "rows": [
            [("登记编号", f"SZ2024{rng.randrange(100000, 999999)}", None)],
            [("姓名", name, "PERSON_NAME"), ("性别", "男" if sex == 1 else "女", None)],
            [("身份证号码", cn_id(rng, rng.choice(CN_AREAS), birth, sex), "CN_RESIDENT_ID")],
            [("手机号码", cn_mobile(rng), "PHONE")],
            [("电子邮箱", email(rng, used), "EMAIL")],
            [("联系地址", pick(rng, CN_ADDR, used), "ADDRESS")],
            [("紧急联系人", contact, "PERSON_NAME"), ("电话", cn_mobile(rng), "PHONE")],
        ],
        "text": [
            "本人承诺以上信息真实有效，并同意依据《个人信息保护法》处理上述个人信息，"
            "仅用于本次登记及联系。",
            "申请人签名：＿＿＿＿＿＿　　日期：2024年5月6日",
        ],
    }


def form_hk(rng, used):
    zh, en = pick(rng, HK_PEOPLE, used)
    return {
        "title": "個人資料表 Personal Data Form",
        "colon": "",
        "rows": [
            [("姓名 Name", zh, "PERSON_NAME"), ("英文姓名", en, "PERSON_NAME")],
            [("香港身份證號碼 HKID No.", hkid(rng), "HK_ID")],
            [("電話 Tel", hk_mobile(rng), "PHONE")],
            [("電郵 Email", email(rng, used), "EMAIL")],
            [("地址 Address", pick(rng, HK_ADDR, used), "ADDRESS")],
        ],
        "text": [
            "I consent to the use of my personal data for the purposes stated in the "
            "Personal Information Collection Statement.",
            "本人同意按收集個人資料聲明所述用途使用本人的個人資料。",
        ],
    }


def form_en(rng, used):
    _, en = pick(rng, HK_PEOPLE, used)
    return {
        "title": "Membership Application",
        "colon": ":",
        "rows": [
            [("Name", en, "PERSON_NAME")],
            [("HKID", hkid(rng), "HK_ID"), ("Date of Birth", f"{rng.randrange(1, 29)} March {rng.randrange(1960, 2000)}", "DATE_OF_BIRTH")],
            [("Mobile", "+852 " + hk_mobile(rng), "PHONE")],
            [("Email", email(rng, used), "EMAIL")],
            [("Address", pick(rng, EN_ADDR, used), "ADDRESS")],
        ],
        "text": [
            "I declare that the information given in this form is true and complete to the best of my knowledge.",
        ],
    }


def letter_tw(rng, used):
    """A cover letter (first TIFF frame): a name and a phone in running text."""
    name = pick(rng, TW_NAMES, used)
    phone = tw_mobile(rng)
    return {
        "title": "公文傳真封面",
        "colon": "：",
        "rows": [
            [("受文者", name, "PERSON_NAME")],
            [("聯絡電話", phone, "PHONE")],
            [("頁數", "共2頁", None)],
        ],
        "text": ["檢送申請表一份，請查照。如有疑問請於上班時間來電洽詢。"],
    }


# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------

_fonts = {}


def font(path: Path, lang: str, px: int) -> ImageFont.FreeTypeFont:
    """The face of the collection whose name ends with `lang` (TC, SC, HK)."""
    key = (path, lang, px)
    if key not in _fonts:
        for i in range(10):
            f = ImageFont.truetype(str(path), px, index=i)
            fam = f.getname()[0]
            if fam.endswith(" " + lang) and "Mono" not in fam:
                _fonts[key] = f
                break
        else:
            raise SystemExit(f"render_forms.py: no {lang} face in {path}")
    return _fonts[key]


def wrap(draw, text, f, width):
    """Splits text into lines no wider than width (by character: CJK has no spaces; an
    English line breaks at spaces)."""
    out, cur = [], ""
    for tok in (text.split(" ") if text.isascii() else list(text)):
        cand = (cur + " " + tok if cur else tok) if text.isascii() else cur + tok
        if draw.textlength(cand, font=f) > width and cur:
            out.append(cur)
            cur = tok
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out


def render(form, dpi, pt, face, lang, grid, frame=1):
    """Draws a form on a white A4 page; gives the image, the planted values and the text
    lines in reading order."""
    W = round(A4_MM[0] / 25.4 * dpi)
    H = round(A4_MM[1] / 25.4 * dpi)
    px = round(pt / 72 * dpi)
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    f = font(face, lang, px)
    ft = font(face, lang, round(px * 1.5))
    margin = round(W * 0.08)
    y = round(H * 0.06)
    lines, values = [], []
    tw = d.textlength(form["title"], font=ft)
    d.text(((W - tw) / 2, y), form["title"], font=ft, fill=0)
    lines.append([frame, form["title"]])
    y += round(px * 3.2)
    row_h = round(px * 2.4)
    cols = [margin, round(W * 0.33), round(W * 0.58), round(W * 0.74), W - margin]
    colon = form["colon"]
    if grid:
        # Lines first, so that no line is drawn over text.
        lw = max(1, px // 14)
        yy = y
        for row in form["rows"]:
            d.line([(margin, yy), (W - margin, yy)], fill=0, width=lw)
            inner = cols[1:2] if len(row) == 1 else cols[1:4]
            for x in [cols[0], cols[4]] + inner:
                d.line([(x, yy), (x, yy + row_h)], fill=0, width=lw)
            yy += row_h
        d.line([(margin, yy), (W - margin, yy)], fill=0, width=lw)
    for row in form["rows"]:
        texts = []
        for k, (label, value, kind) in enumerate(row):
            lx = cols[2 * k] + px // 2
            vx = cols[2 * k + 1] + px // 2
            ty = y + (row_h - px) // 2 - px // 8
            d.text((lx, ty), label + colon, font=f, fill=0)
            d.text((vx, ty), value, font=f, fill=0)
            texts += [label + colon, value]
            if kind:
                values.append({"kind": kind, "value": value, "frame": frame, "label": label})
        lines.append([frame, " ".join(texts)])
        y += row_h
    y += round(px * 1.6)
    for para in form["text"]:
        for ln in wrap(d, para, f, W - 2 * margin):
            d.text((margin, y), ln, font=f, fill=0)
            lines.append([frame, ln])
            y += round(px * 1.7)
        y += round(px * 0.6)
    return img, values, lines


def vertical_tw(rng, used):
    """Columns of vertical text, read right to left: label and value in one column."""
    sex = rng.choice([1, 2])
    return {
        "title": "個人資料表",
        "cols": [
            ("姓名", pick(rng, TW_NAMES, used), "PERSON_NAME"),
            ("身分證字號", tw_id(rng, sex), "TW_NATIONAL_ID"),
            ("電話", tw_mobile(rng).replace("-", ""), "PHONE"),
            ("地址", pick(rng, TW_ADDR, used), "ADDRESS"),
        ],
    }


def render_vertical(form, dpi, pt, face, lang):
    """Draws vertical text: characters top to bottom, columns right to left; ASCII
    characters upright, one under the other."""
    W = round(A4_MM[0] / 25.4 * dpi)
    H = round(A4_MM[1] / 25.4 * dpi)
    px = round(pt / 72 * dpi)
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    f = font(face, lang, px)
    ft = font(face, lang, round(px * 1.5))
    x = W - round(W * 0.12)
    top = round(H * 0.08)
    lines, values = [], []

    def column(text, fnt, size):
        y = top
        for ch in text:
            if ch.isascii():
                w = d.textlength(ch, font=fnt)
                d.text((x + (size - w) / 2, y), ch, font=fnt, fill=0)
                y += round(size * 0.85)
            else:
                d.text((x, y), ch, font=fnt, fill=0)
                y += round(size * 1.05)

    column(form["title"], ft, round(px * 1.5))
    lines.append([1, form["title"]])
    x -= round(px * 3.2)
    for label, value, kind in form["cols"]:
        column(label + "：" + value, f, px)
        lines.append([1, label + "：" + value])
        values.append({"kind": kind, "value": value, "frame": 1, "label": label})
        x -= round(px * 2.4)
    return img, values, lines


def noise(rng, img, amount):
    """Adds and removes up to `amount` grey levels at random (deterministic)."""
    n = img.size[0] * img.size[1]
    lut = [v * amount // 255 for v in range(256)]
    up = Image.frombytes("L", img.size, rng.randbytes(n)).point(lut)
    down = Image.frombytes("L", img.size, rng.randbytes(n)).point(lut)
    return ImageChops.add(ImageChops.subtract(img, down), up)


def degrade(rng, img, angle):
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=245)
    return noise(rng, img, 40)


def harsh(rng, img):
    W, H = img.size
    # Uneven light: a lamp above the upper left, the lower right in shadow.
    radial = Image.radial_gradient("L").resize((W * 2, H * 2))
    light = radial.crop((W // 2, H // 2, W // 2 + W, H // 2 + H)).point(lambda v: 255 - v * 120 // 255)
    img = ImageChops.multiply(img, light)
    img = img.rotate(-0.8, resample=Image.Resampling.BICUBIC, fillcolor=200)
    img = img.filter(ImageFilter.GaussianBlur(0.5))
    return noise(rng, img, 30)


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: render_forms.py OUTDIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for p in (SANS,):
        if not p.exists():
            raise SystemExit(f"render_forms.py: {p} missing: apt-get install fonts-noto-cjk")
    serif = SERIF if SERIF.exists() else SANS
    rng = random.Random(SEED)
    used = set()
    images = []

    def save(name, img, quality, script, dpi, values, lines, **kw):
        path = out / name
        if name.endswith(".jpg"):
            img.convert("RGB").save(path, "JPEG", quality=kw["q"], dpi=(dpi, dpi))
        elif name.endswith(".bmp"):
            img.convert("RGB").save(path, "BMP")
        else:
            img.save(path, "PNG", dpi=(dpi, dpi))
        images.append({"file": name, "quality": quality, "script": script, "dpi": dpi, "frames": 1,
                       "values": values, "lines": lines})

    pages = [
        ("tw_sans", form_tw, SANS, "TC", False, "traditional"),
        ("tw_serif_table", form_tw, serif, "TC", True, "traditional"),
        ("cn_sans", form_cn, SANS, "SC", True, "simplified"),
        ("hk_bilingual", form_hk, SANS, "HK", True, "traditional+english"),
    ]
    for base, make, face, lang, grid, script in pages:
        form = make(rng, used)
        img, values, lines = render(form, 300, 12, face, lang, grid)
        save(f"{base}_clean.png", img, "clean", script, 300, values, lines)
        form = make(rng, used)
        img, values, lines = render(form, 150, 12, face, lang, grid)
        angle = rng.choice([-1, 1]) * rng.uniform(1.6, 2.4)
        save(f"{base}_degraded.jpg", degrade(rng, img, angle), "degraded", script, 150, values, lines, q=40)
    for base, make, face, lang, grid, script in [pages[0], pages[2]]:
        form = make(rng, used)
        img, values, lines = render(form, 150, 9, face, lang, grid)
        save(f"{base}_harsh.jpg", harsh(rng, img), "harsh", script, 150, values, lines, q=30)
    img, values, lines = render_vertical(vertical_tw(rng, used), 300, 14, serif, "TC")
    save("tw_vertical_clean.png", img, "clean", "traditional-vertical", 300, values, lines)
    form = form_en(rng, used)
    img, values, lines = render(form, 150, 12, SANS, "HK", True)
    save("en_form_clean.bmp", img, "clean", "english", 150, values, lines)

    # Two bilevel frames, Group 4 as fax machines and office scanners write them; the
    # form is on the second frame only.
    cover, v1, l1 = render(letter_tw(rng, used), 200, 12, SANS, "TC", False, frame=1)
    form, v2, l2 = render(form_tw(rng, used), 200, 12, serif, "TC", True, frame=2)
    bw = [im.point(lambda v: 255 if v > 150 else 0).convert("1") for im in (cover, form)]
    bw[0].save(out / "two_frames.tif", "TIFF", compression="group4", save_all=True,
               append_images=bw[1:], dpi=(200, 200))
    images.append({"file": "two_frames.tif", "quality": "clean", "script": "traditional", "dpi": 200,
                   "frames": 2, "values": v1 + v2, "lines": l1 + l2})

    manifest = {"generator": "scripts/corpus/render_forms.py", "seed": SEED, "images": images}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    for im in images:
        print(im["file"], len(im["values"]), "values")


if __name__ == "__main__":
    main()
